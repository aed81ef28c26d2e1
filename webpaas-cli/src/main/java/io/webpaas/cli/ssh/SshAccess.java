package io.webpaas.cli.ssh;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import io.webpaas.cli.api.Json;
import io.webpaas.cli.certificate.Certificates;
import io.webpaas.cli.certificate.SshCertificate;
import io.webpaas.cli.directory.Targets.Target;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * What the CLI can tell about an SSH connection to an app from the API and the session's
 * certificate: before connecting, that the role allows SSH and that the certificate carries
 * the project (it lists the projects and roles of when it was issued); after ssh exited 255,
 * why the gateway may have refused, and what was done or is to do.
 */
public final class SshAccess {
    private static final TypeReference<Map<String, String>> ACCESS = new TypeReference<>() {};

    private final Cli cli;

    public SshAccess(Cli cli) {
        this.cli = cli;
    }

    /** Refuses a role that cannot SSH; renews a certificate issued before the current role. */
    public void check(Target target) {
        String project = target.project().id();
        String role = target.project().role();
        if (!maySsh(role)) {
            throw new CliException(noAccess(project, role));
        }
        Certificates certificates = cli.certificates();
        Optional<SshCertificate> current = certificates.current();
        if (current.isPresent() && !role.equals(access(current.get()).get(project))) {
            certificates.load(true);
            cli.err().println("Your SSH certificate predates your role " + role + " on project " + project
                    + "; a new one was loaded.");
        }
    }

    /** After ssh exited 255: says why the gateway may have refused, renewing an expired certificate. */
    public void explainRefusal(Target target) {
        String project = target.project().id();
        Certificates certificates = cli.certificates();
        Optional<SshCertificate> current = certificates.current();
        cli.err().println();
        if (current.isEmpty() || !Instant.now().isBefore(current.get().validBefore())) {
            Certificates.Loaded loaded = certificates.load(false);
            cli.err().println("Your SSH certificate had expired; a new one was loaded (valid until "
                    + loaded.certificate().validBefore() + "). Please run the command again.");
            return;
        }
        String role = target.project().role();
        if (!maySsh(role)) {
            cli.err().println(noAccess(project, role));
            return;
        }
        if (!current.get().extensions().containsKey("mfa@webpaas")) {
            cli.err().println("If the organization of project " + project + " requires multifactor authentication (MFA),"
                    + " your session has none: enrol a second factor, then log in again with MFA by running: webpaas login");
            return;
        }
        cli.err().println("ssh could not connect to " + target.app().sshDestination() + " port "
                + target.app().sshPort() + " (exit status 255); its message above says why. Your role on project "
                + project + " is " + role + " and your certificate is valid until " + current.get().validBefore() + ".");
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
