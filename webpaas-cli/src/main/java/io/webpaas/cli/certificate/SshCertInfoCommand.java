package io.webpaas.cli.certificate;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import java.time.Instant;
import picocli.CommandLine.Command;

@Command(name = "ssh-cert:info", mixinStandardHelpOptions = true,
        description = "Show the session's SSH certificate: its files, validity, identity and access.")
public final class SshCertInfoCommand implements Runnable {
    private final Cli cli;

    public SshCertInfoCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        cli.sessions().load().orElseThrow(CliException::notLoggedIn);
        Certificates certificates = cli.certificates();
        SshCertificate certificate = certificates.current()
                .orElseThrow(() -> new CliException("There is no SSH certificate yet. Run: webpaas ssh-cert:load"));
        Instant now = Instant.now();
        line("certificate", certificates.files().certificate().toString());
        line("private key", certificates.files().privateKey().toString());
        line("key id", certificate.keyId());
        line("serial", Long.toUnsignedString(certificate.serial()));
        line("principals", String.join(", ", certificate.principals()));
        line("valid after", certificate.validAfter().toString());
        line("valid before", certificate.validBefore().toString());
        line("status", now.isBefore(certificate.validBefore())
                ? "valid (" + (certificate.validBefore().getEpochSecond() - now.getEpochSecond()) + " s left)" : "expired");
        certificate.extensions().forEach((name, value) -> line(name, value.isEmpty() ? "(set)" : value));
    }

    private void line(String name, String value) {
        cli.out().printf("%-24s %s%n", name, value);
    }
}
