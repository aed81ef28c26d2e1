package io.webpaas.server.config;

import io.webpaas.server.directory.DemoCredentials;
import io.webpaas.server.directory.DemoData;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a person who just ran {@code bin/webpaas-server} needs to know: where the console
 * and the SSH gateway are, the demo users' passwords, and the next commands to try.
 */
@Component
public class StartupBanner {
    static final String API_TOKEN_FILE = "demo-api-token";
    /** %1$s: the API token file, %2$s: the public URL. */
    private static final String TRY = """

              Try:
                token=$(curl -s -d grant_type=api_token -d client_id=webpaas-cli -d api_token=$(cat %1$s) \\
                  %2$s/oauth2/token | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
                curl -H "Authorization: Bearer $token" %2$s/api/v1/projects
                curl -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \\
                     -d '{"key":"'"$(cat ~/.ssh/id_ed25519.pub)"'"}' %2$s/ssh

            """;

    private final WebpaasProperties properties;

    public StartupBanner(WebpaasProperties properties) {
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void print() {
        print(System.out);
    }

    void print(PrintStream out) {
        out.print(text(properties.demo() ? DemoCredentials.read(properties.dataDir()) : Optional.empty()));
        out.flush();
    }

    String text(Optional<DemoCredentials> demo) {
        String project = demo.map(DemoCredentials::projectId).orElse("<project>");
        StringBuilder text = new StringBuilder("\n  WebPaaS SSH is running (roles: ")
                .append(String.join(", ", properties.roles())).append(")\n\n")
                .append(line("Console", properties.publicUrl()))
                .append(line("SSH", "ssh " + project + "-main--app@" + properties.sshHost() + " -p "
                        + properties.sshPort()));
        if (demo.isEmpty()) {
            return text.append('\n').toString();
        }
        String label = "Demo users";
        for (Map.Entry<String, String> user : demo.get().passwords().entrySet()) {
            String role = user.getKey().equals(DemoData.ADMIN) ? "admin" : "viewer";
            text.append(line(label, user.getKey() + " / " + user.getValue() + "  (" + role + ")"));
            label = "";
        }
        Path token = properties.dataDir().resolve(API_TOKEN_FILE);
        return text.append(line("API token", token + "  (user demo, for scripts)"))
                .append(TRY.formatted(token, properties.publicUrl()))
                .toString();
    }

    private static String line(String label, String value) {
        return String.format("  %-12s %s%n", label, value);
    }
}
