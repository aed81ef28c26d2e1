package io.webpaas.cli.auth;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "auth:info", mixinStandardHelpOptions = true,
        description = "Show who you are logged in as (or one PROPERTY of it, for scripts).")
public final class AuthInfoCommand implements Runnable {
    private final Cli cli;

    @Parameters(arity = "0..1", paramLabel = "PROPERTY",
            description = "One of: username, uuid, email, api_url, amr, mfa_verified, token_expires.")
    String property;

    public AuthInfoCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        Session session = cli.tokens().session();
        Me me = cli.api().get("/api/v1/me", Me.class);
        Map<String, String> info = new LinkedHashMap<>();
        info.put("username", me.username());
        info.put("uuid", me.uuid());
        info.put("email", me.email());
        info.put("api_url", session.apiUrl());
        info.put("amr", session.amr() == null ? "" : String.join(",", session.amr()));
        info.put("mfa_verified", session.mfaVerified() == null ? "" : Instant.ofEpochSecond(session.mfaVerified()).toString());
        info.put("token_expires", Instant.ofEpochSecond(session.expiresAt()).toString());
        if (property != null) {
            if (!info.containsKey(property)) {
                throw new CliException("Unknown property " + property + "; choose one of " + String.join(", ", info.keySet()));
            }
            cli.out().println(info.get(property));
            return;
        }
        info.forEach((name, value) -> cli.out().printf("%-14s %s%n", name, value));
    }
}
