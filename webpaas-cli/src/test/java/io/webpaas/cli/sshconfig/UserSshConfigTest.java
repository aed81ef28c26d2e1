package io.webpaas.cli.sshconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The marked block in ~/.ssh/config: added once, at the top, and taken out leaving the rest as it was. */
class UserSshConfigTest {
    @TempDir
    Path dir;

    @Test
    void includesOnceAtTheTopAndRemovesExactlyItsBlock() throws Exception {
        Path file = dir.resolve("config");
        String own = "Host example.test\n  User someone\n";
        Files.writeString(file, own);
        UserSshConfig config = new UserSshConfig(file);
        Path included = dir.resolve("webpaas-cli.config");

        config.include(included);
        config.include(included);

        assertThat(Files.readString(file)).isEqualTo(UserSshConfig.BEGIN + "\nInclude \"" + included + "\"\n"
                + UserSshConfig.END + "\n\n" + own);
        assertThat(config.includes(included)).isTrue();

        config.remove();

        assertThat(Files.readString(file)).isEqualTo(own);
        assertThat(config.includes(included)).isFalse();
    }

    @Test
    void aFileThatHeldOnlyTheBlockIsRemovedWithIt() {
        Path file = dir.resolve("config");
        UserSshConfig config = new UserSshConfig(file);

        config.include(dir.resolve("webpaas-cli.config"));
        config.remove();

        assertThat(file).doesNotExist();
    }
}
