package io.webpaas.server.runtime;

import io.webpaas.server.directory.Relationship;
import io.webpaas.server.directory.SshTarget;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The environment variables of a session: a clean login environment for user {@code web},
 * the client's terminal and locale ({@code TERM}, {@code LANG}, {@code LC_*}, like sshd's
 * {@code AcceptEnv}), and the platform's {@code PLATFORM_*} variables.
 */
@Component
class SessionEnvironment {
    static final String USER = "web";

    private final JsonMapper json;

    SessionEnvironment(JsonMapper json) {
        this.json = json;
    }

    /** @param agent {@code SSH_AUTH_SOCK} as the session sees it, or {@code null} without a forwarded agent */
    Map<String, String> variables(SshTarget target, AppHome home, Map<String, String> client, String agent) {
        Map<String, String> variables = new LinkedHashMap<>();
        client.forEach((name, value) -> {
            if (name.equals("TERM") || name.equals("LANG") || name.startsWith("LC_")) {
                variables.put(name, value);
            }
        });
        variables.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        variables.put("HOME", home.dir().toString());
        variables.put("USER", USER);
        variables.put("LOGNAME", USER);
        variables.put("SHELL", "/bin/bash");
        if (agent != null) {
            variables.put("SSH_AUTH_SOCK", agent);
        }
        variables.put("PLATFORM_PROJECT", target.project().id());
        variables.put("PLATFORM_ENVIRONMENT", target.environment().machineName());
        variables.put("PLATFORM_APPLICATION_NAME", target.app().name());
        variables.put("PLATFORM_RELATIONSHIPS", relationships(target.app().relationships().open()));
        return variables;
    }

    /** Base64 of {@code {"<name>": [<endpoint>]}}, the shape the platform gives apps. */
    private String relationships(Map<String, Relationship> relationships) {
        Map<String, List<Relationship>> endpoints = new TreeMap<>();
        relationships.forEach((name, relationship) -> endpoints.put(name, List.of(relationship)));
        return Base64.getEncoder().encodeToString(json.writeValueAsBytes(endpoints));
    }
}
