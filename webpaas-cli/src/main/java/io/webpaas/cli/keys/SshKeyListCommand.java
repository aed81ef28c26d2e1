package io.webpaas.cli.keys;

import io.webpaas.cli.Cli;
import io.webpaas.cli.output.ListFormat;
import io.webpaas.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ssh-key:list", aliases = "ssh-keys", mixinStandardHelpOptions = true,
        description = "List the public keys of your account.")
public final class SshKeyListCommand implements Runnable {
    private final Cli cli;
    @Mixin
    ListFormat format;

    public SshKeyListCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        format.print(cli.out(), new AccountKeys(cli.api()).list(), Table.<SshKey>empty("Your account has no SSH keys.")
                .column("ID", SshKey::id)
                .column("Title", SshKey::title)
                .column("Type", SshKey::keyType)
                .column("Fingerprint", SshKey::fingerprintSha256)
                .column("Added", SshKey::addedAt)
                .column("Last used", key -> key.lastUsedAt() == null ? "never" : key.lastUsedAt()));
    }
}
