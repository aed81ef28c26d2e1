package io.webpaas.server.runtime;

import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.directory.App;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The apps' files on this host: {@code <appsDir>/<project>/<environment>/<app>/}, holding the
 * app's code (read-only in sessions) and one writable directory per mount, made on demand.
 */
@Component
class AppDirectories {
    private static final String README = """
            This is the app's directory. It is read-only in SSH sessions,
            except its mounts:
            %s
            """;

    private final Path root;

    AppDirectories(RuntimeProperties runtime, WebpaasProperties webpaas) {
        this.root = (runtime.appsDir() == null ? webpaas.dataDir().resolve("apps") : runtime.appsDir())
                .toAbsolutePath().normalize();
    }

    /** The app's directory and mounts, created (with a README) when missing. */
    AppHome prepare(App app) {
        Path dir = root.resolve(app.projectId()).resolve(app.environment()).resolve(app.name());
        List<Path> mounts = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (String mount : app.mounts()) {
                Path path = dir.resolve(mount).normalize();
                if (!path.startsWith(dir) || path.equals(dir)) {
                    throw new IllegalArgumentException("mount " + mount + " of app " + app.name()
                            + " is not a directory inside the app");
                }
                mounts.add(createWithoutLinks(dir, dir.relativize(path), app));
            }
            writeReadme(dir, app.mounts());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the directory of app " + app.name() + " at " + dir, e);
        }
        return new AppHome(dir, List.copyOf(mounts));
    }

    /**
     * Creates a mount one directory at a time and refuses a symbolic link on the way: a session
     * could make one inside a writable directory, and the sandbox would bind whatever it points
     * at, writable.
     */
    private static Path createWithoutLinks(Path dir, Path mount, App app) throws IOException {
        Path path = dir;
        for (Path name : mount) {
            path = path.resolve(name);
            if (Files.isSymbolicLink(path)) {
                throw new IllegalArgumentException("mount " + mount + " of app " + app.name()
                        + " leads elsewhere through a symbolic link");
            }
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(path);
            }
        }
        return path;
    }

    private static void writeReadme(Path dir, List<String> mounts) throws IOException {
        try {
            Files.writeString(Files.createFile(dir.resolve("README")),
                    README.formatted(mounts.isEmpty() ? "  (none)" : "  " + String.join("\n  ", mounts)));
        } catch (FileAlreadyExistsException alreadyThere) {
            // written at the first session; the app may have replaced it since
        }
    }
}
