package io.webpaas.cli.ssh;

import io.webpaas.cli.Cli;
import io.webpaas.cli.api.ApiClient;
import io.webpaas.cli.certificate.CertificateFiles;
import io.webpaas.cli.certificate.Certificates;
import io.webpaas.cli.directory.App;
import io.webpaas.cli.sshconfig.SshConfigText;
import io.webpaas.cli.sshconfig.SshConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The system {@code ssh} pointed at an app through the gateway with the session's certificate,
 * key and {@code @cert-authority} known_hosts given on its command line, so it works whether
 * or not {@code ~/.ssh/config} includes the CLI's configuration, and keeps the user's own settings.
 */
public final class OpenSsh {
    private final CertificateFiles files;
    private final SshConfiguration configuration;

    private OpenSsh(CertificateFiles files, SshConfiguration configuration) {
        this.files = files;
        this.configuration = configuration;
    }

    /** Renews the session's certificate if needed and writes a missing known_hosts; then ssh can go. */
    public static OpenSsh ready(Cli cli) {
        Certificates certificates = cli.certificates();
        certificates.load(false);
        SshConfiguration configuration = cli.sshConfiguration();
        if (!Files.isRegularFile(configuration.knownHosts())) {
            configuration.writeSessionFiles(new ApiClient(cli.tokens().session().apiUrl()));
        }
        return new OpenSsh(certificates.files(), configuration);
    }

    /** {@code ssh [options] user@gateway [remote command]}. */
    public List<String> command(App app, List<String> options, List<String> remoteCommand) {
        List<String> command = new ArrayList<>(List.of("ssh", "-p", String.valueOf(app.sshPort()),
                "-i", files.privateKey().toString(),
                "-o", "CertificateFile=" + SshConfigText.quote(files.certificate().toString()),
                "-o", "UserKnownHostsFile=" + SshConfigText.quote(configuration.knownHosts().toString())
                        + " ~/.ssh/known_hosts"));
        command.addAll(options);
        command.add(app.sshDestination());
        command.addAll(remoteCommand);
        return command;
    }

    /** Runs ssh on this terminal and returns its exit status. */
    public static int run(List<String> command) {
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst() + " (is OpenSSH installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
