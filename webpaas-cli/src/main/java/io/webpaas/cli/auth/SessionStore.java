package io.webpaas.cli.auth;

import io.webpaas.cli.api.Json;
import io.webpaas.cli.home.CliHome;
import io.webpaas.cli.home.LockFile;
import io.webpaas.cli.home.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;

/** The session file ({@code session.json}, mode 0600) and the lock that serializes token refreshes. */
public final class SessionStore {
    private final CliHome home;

    public SessionStore(CliHome home) {
        this.home = home;
    }

    public Optional<Session> load() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(Files.readString(file), Session.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JacksonException e) {
            // a damaged file is no session: logging in again replaces it
            return Optional.empty();
        }
    }

    public void save(Session session) {
        PrivateFiles.write(file(), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(session));
    }

    /** Removes the whole session directory: tokens, key pair, certificate, ssh config. */
    public void delete() {
        PrivateFiles.deleteTree(home.sessionDir());
    }

    /** Runs {@code action} holding the session's refresh lock (other CLI processes wait). */
    public <T> T locked(Supplier<T> action) {
        return LockFile.withLock(home.sessionDir().resolve("refresh.lock"), action);
    }

    private Path file() {
        return home.sessionDir().resolve("session.json");
    }
}
