package io.webpaas.cli.keys;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "ssh-key:delete", mixinStandardHelpOptions = true,
        description = "Delete a public key from your account, by its ID or its SHA256 fingerprint.")
public final class SshKeyDeleteCommand implements Runnable {
    private final Cli cli;

    @Parameters(paramLabel = "KEY", description = "The key's ID (webpaas ssh-key:list shows it) or SHA256:… fingerprint.")
    String key;

    public SshKeyDeleteCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        AccountKeys keys = new AccountKeys(cli.api());
        List<SshKey> matching = keys.list().stream()
                .filter(candidate -> candidate.id().equals(key) || candidate.fingerprintSha256().equals(key)).toList();
        if (matching.isEmpty()) {
            throw new CliException("Your account has no SSH key " + key + "; webpaas ssh-key:list shows them.");
        }
        SshKey found = matching.getFirst();
        keys.delete(found.id());
        cli.err().println("Deleted the SSH key " + found.title() + " (" + found.fingerprintSha256() + ").");
    }
}
