package io.webpaas.cli.keys;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ssh-key:add", mixinStandardHelpOptions = true,
        description = {"Add a public key to your account: it then reaches every app you may SSH into.",
                "For automation; people are better served by webpaas login and its certificates."})
public final class SshKeyAddCommand implements Runnable {
    private final Cli cli;

    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "The public key file, e.g. ~/.ssh/id_ed25519.pub; - or none reads standard input.")
    String file;

    @Option(names = "--title", paramLabel = "TITLE", description = "A name for the key (default: the key's comment).")
    String title;

    public SshKeyAddCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        String key = read().strip();
        if (key.isEmpty()) {
            throw new CliException("No public key given: name a .pub file or pipe one in.");
        }
        if (key.contains("PRIVATE KEY")) {
            throw new CliException("That is a private key: give the public one (the .pub file).");
        }
        SshKey added = new AccountKeys(cli.api()).add(title, key);
        cli.err().println("Added the SSH key " + added.title() + " (" + added.fingerprintSha256() + ") with ID "
                + added.id() + ".");
        cli.out().println(added.id());
    }

    private String read() {
        try {
            return file == null || file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + (file == null ? "standard input" : file), e);
        }
    }
}
