package io.webpaas.cli.tunnel;

import io.webpaas.cli.CliException;
import io.webpaas.cli.api.Json;
import io.webpaas.cli.directory.App;
import io.webpaas.cli.ssh.OpenSsh;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * An app's relationships with their endpoints, read as the app itself sees them: the
 * {@code PLATFORM_RELATIONSHIPS} variable of a session in the app (base64 JSON,
 * {@code {"<name>": [<endpoint>, …]}}). The API lists relationship names only, since the
 * endpoints carry credentials, so only those who may SSH into the app learn them.
 */
final class Relationships {
    private static final TypeReference<Map<String, List<Map<String, Object>>>> SHAPE = new TypeReference<>() {};

    private Relationships() {
    }

    static Map<String, List<Map<String, Object>>> of(OpenSsh ssh, App app) {
        List<String> command = ssh.command(app, List.of("-T", "-o", "BatchMode=yes"),
                List.of("printf %s \"$PLATFORM_RELATIONSHIPS\""));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            process.getOutputStream().close();
            String encoded = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            int status = process.waitFor();
            if (status != 0) {
                throw new CliException("Could not read the relationships of " + app.sshDestination()
                        + " (ssh exited " + status + ").");
            }
            return encoded.isEmpty() ? Map.of()
                    : new TreeMap<>(Json.MAPPER.readValue(Base64.getDecoder().decode(encoded), SHAPE));
        } catch (IOException e) {
            throw new CliException("Could not run ssh to read the relationships of " + app.sshDestination() + ": "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException | JacksonException e) {
            throw new CliException("The app " + app.sshDestination() + " gave unreadable relationships: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted", e);
        }
    }
}
