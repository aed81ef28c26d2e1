package io.webpaas.cli.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webpaas.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsWithoutAFileAndReadsItsSettings() throws Exception {
        CliHome home = CliHome.of(Map.of("HOME", dir.toString()));
        assertThat(home.root()).isEqualTo(dir.resolve(".webpaas"));
        assertThat(CliConfig.read(home)).isEqualTo(new CliConfig(Optional.empty(), Duration.ofDays(1)));

        Files.createDirectories(home.root());
        Files.writeString(home.configFile(), "api-url = https://api.example.test\nssh-key-lifetime = 12h\n");

        assertThat(CliConfig.read(home).apiUrl()).hasValue("https://api.example.test");
        assertThat(CliConfig.read(home).sshKeyLifetime()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void webpaasHomeOverridesAndABadLifetimeSaysWhatIsExpected() throws Exception {
        CliHome home = CliHome.of(Map.of("HOME", dir.toString(), "WEBPAAS_HOME", dir.resolve("elsewhere").toString()));
        assertThat(home.root()).isEqualTo(dir.resolve("elsewhere"));
        Files.createDirectories(home.root());
        Files.writeString(home.configFile(), "ssh-key-lifetime = soon\n");

        assertThatThrownBy(() -> CliConfig.read(home)).isInstanceOf(CliException.class)
                .hasMessageContaining("must be a number and a unit");
    }
}
