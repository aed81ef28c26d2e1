package io.webpaas.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.TerminalClient;
import io.webpaas.server.support.Tunnel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * The real OpenSSH clients against the gateway, as a user would run them: exactly one key
 * (and its certificate, when {@code certificate} is set), no agent, and a known_hosts file
 * whose only line is {@code @cert-authority * <host CA>}, with strict host key checking, so
 * every connection also proves the gateway's host certificate.
 */
public record GatewayClient(int port, Path knownHosts) {
    /** Every client runs under {@code timeout}, so a session the gateway fails to end fails its test instead of hanging. */
    private static final String TIMEOUT = "timeout";
    private static final String LIMIT = "60";

    /** A private key file and, for a certificate user, the certificate beside it. */
    public record Credentials(Path key, Path certificate) {
        /** A new key and its user certificate from {@code POST /ssh}, as the CLI gets one; {@code fields} join the request. */
        public static Credentials certified(ApiClient api, OpenSsh openSsh, String accessToken, Map<String, String> fields) {
            Path key = openSsh.newKey("id-" + UUID.randomUUID());
            Map<String, String> body = new HashMap<>(fields);
            body.put("key", openSsh.publicKey(key));
            ApiClient.Response response = api.post("/ssh", accessToken, body);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            try {
                return new Credentials(key, openSsh.writeCertificate(key, response.json().path("certificate").asString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A client of this test server's gateway, trusting the host CA it publishes. */
    public static GatewayClient of(ApplicationContext context, ApiClient api, Path dir) throws IOException {
        List<String> hostAuthorities = api.get("/ssh/host-authority", null).json().path("authorities").valueStream()
                .map(node -> node.asString()).toList();
        return trusting(context.getBean(GatewayServer.class).port(), hostAuthorities, dir);
    }

    public static GatewayClient trusting(int port, List<String> hostAuthorities, Path dir) throws IOException {
        List<String> lines = hostAuthorities.stream().map(line -> "@cert-authority * " + line).toList();
        return new GatewayClient(port, Files.write(dir.resolve("known_hosts"), lines));
    }

    /** This client connecting to {@code other} (something in front of the gateway), trusting the same. */
    GatewayClient atPort(int other) {
        return new GatewayClient(other, knownHosts);
    }

    public OpenSsh.Result ssh(Credentials as, String username, String... command) {
        return ssh(List.of(), as, username, "", command);
    }

    /** ssh with {@code input} on its standard input, then end of file. */
    OpenSsh.Result sshWithInput(Credentials as, String username, String input, String... command) {
        return ssh(List.of(), as, username, input, command);
    }

    /** An interactive shell on a forced terminal ({@code ssh -tt}) that reads {@code input}. */
    OpenSsh.Result shell(Credentials as, String username, String input) {
        return ssh(List.of("-tt"), as, username, input);
    }

    /** ssh offering {@code keys} one after the other (and no certificate), running {@code true}. */
    OpenSsh.Result sshOffering(List<Path> keys, String username) {
        List<String> extraOptions = new ArrayList<>();
        keys.forEach(key -> extraOptions.addAll(List.of("-i", key.toString())));
        return ssh(extraOptions, new Credentials(keys.getFirst(), null), username, "", "true");
    }

    /** {@code ssh -A} with the agent at {@code agentSocket} (the first IdentityAgent given wins). */
    OpenSsh.Result sshWithAgent(Credentials as, String username, Path agentSocket, String... command) {
        return ssh(List.of("-A", "-o", "IdentityAgent=" + agentSocket), as, username, "", command);
    }

    /** {@code ssh -W target}: standard input and output joined to a {@code direct-tcpip} channel to {@code target}. */
    OpenSsh.Result forward(Credentials as, String username, String target) {
        return ssh(List.of("-W", target), as, username, "");
    }

    /**
     * {@code ssh -tt} on a terminal of its own, for keys typed and window resizes. Not under
     * {@code timeout}, which would take ssh out of the terminal's foreground; the terminal's own waits bound it.
     */
    TerminalClient terminal(Credentials as, String username, int columns, int rows) throws IOException {
        List<String> command = new ArrayList<>(List.of("ssh", "-tt"));
        command.addAll(sshArguments(as, username));
        return TerminalClient.start(command, columns, rows);
    }

    /** {@code ssh -N -L <local port>:target} in the background. */
    Tunnel tunnel(Credentials as, String username, String target) throws IOException {
        return Tunnel.open(sshArguments(as, username), target);
    }

    private OpenSsh.Result ssh(List<String> extraOptions, Credentials as, String username, String input,
                               String... command) {
        List<String> arguments = new ArrayList<>(List.of(TIMEOUT, LIMIT));
        arguments.addAll(sshCommandLine(extraOptions, as, username, command));
        return OpenSsh.exec(arguments, input);
    }

    /** The ssh command line, for a test that drives the process itself (and must end it). */
    List<String> sshCommandLine(List<String> extraOptions, Credentials as, String username, String... command) {
        List<String> arguments = new ArrayList<>(List.of("ssh"));
        arguments.addAll(extraOptions);
        arguments.addAll(sshArguments(as, username));
        arguments.addAll(List.of(command));
        return arguments;
    }

    /** What follows {@code ssh} to reach {@code username} through the gateway: port, options, destination. */
    private List<String> sshArguments(Credentials as, String username) {
        List<String> arguments = new ArrayList<>(List.of("-p", String.valueOf(port)));
        arguments.addAll(options(as));
        arguments.add(username + "@127.0.0.1");
        return arguments;
    }

    /** The ssh command line for tools that take one: git's {@code GIT_SSH_COMMAND}, {@code rsync -e}. */
    String sshCommand(Credentials as) {
        return "ssh -p " + port + " " + String.join(" ", options(as));
    }

    /** {@code scp <arguments...>}: flags such as {@code -O} (the legacy protocol), then source and target. */
    OpenSsh.Result scp(Credentials as, String... arguments) {
        List<String> command = new ArrayList<>(List.of(TIMEOUT, LIMIT, "scp", "-P", String.valueOf(port)));
        command.addAll(options(as));
        command.addAll(List.of(arguments));
        return OpenSsh.exec(command);
    }

    OpenSsh.Result sftp(Credentials as, String username, Path batch) {
        List<String> command = new ArrayList<>(List.of(TIMEOUT, LIMIT, "sftp", "-P", String.valueOf(port), "-b", batch.toString()));
        command.addAll(options(as));
        command.add(username + "@127.0.0.1");
        return OpenSsh.exec(command);
    }

    private List<String> options(Credentials as) {
        List<String> options = new ArrayList<>(List.of("-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                "-i", as.key().toString()));
        if (as.certificate() != null) {
            options.addAll(List.of("-o", "CertificateFile=" + as.certificate()));
        }
        options.addAll(List.of("-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=20",
                "-o", "LogLevel=ERROR"));
        return options;
    }
}
