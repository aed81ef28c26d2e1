package io.webpaas.cli.certificate;

import io.webpaas.cli.Cli;
import io.webpaas.cli.sshconfig.SshSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ssh-cert:load", mixinStandardHelpOptions = true,
        description = {"Renew the session's SSH certificate when needed and write the ssh configuration.",
                "ssh runs it with --refresh-only before each connection to the gateway."})
public final class SshCertLoadCommand implements Runnable {
    private final Cli cli;

    @Option(names = "--new", description = "Make a new key pair and certificate even if the current ones are good.")
    boolean forceNew;

    @Option(names = "--refresh-only", description = "Only renew the certificate if needed; leave the ssh configuration.")
    boolean refreshOnly;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing unless something fails.")
    boolean quiet;

    @Option(names = {"-y", "--yes"}, description = "Include the ssh configuration in ~/.ssh/config without asking.")
    boolean yes;

    public SshCertLoadCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        Certificates.Loaded loaded = cli.certificates().load(forceNew);
        if (!refreshOnly) {
            new SshSetup(cli).write(yes);
        }
        if (!quiet) {
            cli.err().println(loaded.renewed()
                    ? "A new SSH certificate was issued (" + loaded.reason() + "); it is valid until "
                    + loaded.certificate().validBefore() + "."
                    : "The SSH certificate is valid until " + loaded.certificate().validBefore() + ".");
        }
    }
}
