package io.webpaas.cli.sshconfig;

import io.webpaas.cli.home.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The user's {@code ~/.ssh/config}: the CLI adds one marked block that includes its own file,
 * at the top (an Include below a {@code Host} line would apply to that host only), and takes
 * exactly that block out again. Everything else in the file is left as it was.
 */
final class UserSshConfig {
    static final String BEGIN = "# BEGIN webpaas-cli: added by `webpaas login`, removed by `webpaas logout`";
    static final String END = "# END webpaas-cli";
    private static final Pattern BLOCK = Pattern.compile(
            "(?s)" + Pattern.quote(BEGIN) + "\\n.*?" + Pattern.quote(END) + "\\n?\\n?");

    private final Path file;

    UserSshConfig(Path file) {
        this.file = file;
    }

    boolean includes(Path included) {
        return read().contains(block(included));
    }

    void include(Path included) {
        String rest = BLOCK.matcher(read()).replaceAll("");
        PrivateFiles.write(file, block(included) + "\n" + rest);
    }

    /** Takes the block out; a file that held nothing else is deleted. */
    void remove() {
        String content = read();
        String rest = BLOCK.matcher(content).replaceAll("");
        if (rest.isBlank() && !content.isEmpty()) {
            PrivateFiles.delete(file);
        } else if (!rest.equals(content)) {
            PrivateFiles.write(file, rest);
        }
    }

    private static String block(Path included) {
        return BEGIN + "\nInclude " + SshConfigText.quote(included.toString()) + "\n" + END + "\n";
    }

    private String read() {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
