package io.webpaas.cli.ssh;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import io.webpaas.cli.api.ApiClient;
import io.webpaas.cli.api.Json;
import io.webpaas.cli.certificate.Certificates;
import io.webpaas.cli.certificate.SshCertificate;
import io.webpaas.cli.directory.App;
import io.webpaas.cli.directory.Targets.Target;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * What the CLI can tell about an SSH connection to an app from the API and the session's
 * certificate: before connecting, that the role allows SSH, that the certificate carries
 * the project (it lists the projects and roles of when it was issued) and MFA when the
 * project's organization demands it; after ssh exited 255, why the connection may have
 * failed, and what was done or is to do.
 */
public final class SshAccess {
    private static final TypeReference<Map<String, String>> ACCESS = new TypeReference<>() {};

    private final Cli cli;

    public SshAccess(Cli cli) {
        this.cli = cli;
    }

    /**
     * Refuses a role that cannot SSH; renews a certificate issued before the current role
     * (a staff certificate reaches every project without listing it, so it is left alone);
     * refuses a certificate without MFA for a project whose organization demands MFA.
     */
    public void check(Target target) {
        String project = target.project().id();
        String role = target.project().role();
        if (!maySsh(role)) {
            throw new CliException(noAccess(project, role));
        }
        Certificates certificates = cli.certificates();
        Optional<SshCertificate> current = certificates.current();
        if (current.isPresent() && !current.get().extensions().containsKey("staff@webpaas")
                && !role.equals(access(current.get()).get(project))) {
            certificates.load(true);
            cli.err().println("Your SSH certificate predates your role " + role + " on project " + project
                    + "; a new one was loaded.");
        }
        if (target.project().mfaRequired()
                && !certificates.load(false).certificate().extensions().containsKey("mfa@webpaas")) {
            throw new CliException("Project " + project + " requires multifactor authentication (MFA) for SSH,"
                    + " and you logged in without it. Enroll TOTP in the console if you have not,"
                    + " then log in again with your code: webpaas login");
        }
    }

    /**
     * After ssh exited 255 (no connection, no login, or the gateway could not reach the app):
     * a gateway that cannot be reached is named; a role that cannot SSH is named with its
     * project; a certificate that had expired, or whose CA the gateway no longer publishes
     * ({@code GET /ssh/authority}), is replaced and the user told to run the command again.
     */
    public void explainRefusal(Target target) {
        String project = target.project().id();
        cli.err().println();
        if (!reachable(target.app())) {
            cli.err().println("The SSH gateway " + target.app().sshHost() + " port " + target.app().sshPort()
                    + " cannot be reached; check your network, or ask whether the gateway is running.");
            return;
        }
        String role = target.project().role();
        if (!maySsh(role)) {
            cli.err().println(noAccess(project, role));
            return;
        }
        Certificates certificates = cli.certificates();
        Optional<SshCertificate> used = certificates.current();
        String problem = used.isEmpty() || !Instant.now().isBefore(used.get().validBefore()) ? "had expired"
                : !trusted(used.get()) ? "was signed by a certificate authority the gateway does not trust (any more)"
                : null;
        if (problem == null) {
            cli.err().println("ssh exited with status 255 for " + target.app().sshDestination()
                    + ": see its message above. Your role on project " + project + " is " + role
                    + " and your SSH certificate is valid until " + used.get().validBefore() + ".");
            return;
        }
        Certificates.Loaded loaded = certificates.load(true);
        cli.err().println("Your SSH certificate " + problem + "; a new one was loaded (valid until "
                + loaded.certificate().validBefore() + "). Please run the command again.");
    }

    private boolean trusted(SshCertificate certificate) {
        List<String> authorities = new ApiClient(cli.tokens().session().apiUrl())
                .get("/ssh/authority", Authorities.class).authorities();
        return authorities.stream().map(line -> line.split(" ")).anyMatch(fields -> fields.length > 1
                && fields[1].equals(certificate.signingKey()));
    }

    record Authorities(List<String> authorities) {
    }

    private static boolean reachable(App app) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(app.sshHost(), app.sshPort()), 3000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean maySsh(String role) {
        return role.equals("admin") || role.equals("contributor");
    }

    private static String noAccess(String project, String role) {
        return "No SSH access: your role on project " + project + " is " + role
                + "; SSH needs the contributor or admin role. Ask an admin of the project to change it.";
    }

    /** {@code access@webpaas}: the projects and roles the certificate was issued with. */
    private static Map<String, String> access(SshCertificate certificate) {
        String document = certificate.extensions().get("access@webpaas");
        if (document == null) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(document, ACCESS);
        } catch (JacksonException e) {
            return Map.of();
        }
    }
}
