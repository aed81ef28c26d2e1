package io.webpaas.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.directory.DemoCredentials;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartupBannerTest {
    final WebpaasProperties properties = new WebpaasProperties(Path.of("data"), "http://127.0.0.1:8080",
            Set.of("auth"), "ssh.example.test", 2222, "local", "", true);

    @Test
    void showsTheEndpointsTheDemoPasswordsAndWhatToTryNext() {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put("demo", "pw-demo");
        passwords.put("viewer", "pw-viewer");

        String text = new StartupBanner(properties).text(Optional.of(new DemoCredentials("abcdefghijklm", passwords)));

        assertThat(text)
                .contains("Console      http://127.0.0.1:8080")
                .contains("ssh abcdefghijklm-main--app@ssh.example.test -p 2222")
                .contains("demo / pw-demo  (admin)")
                .contains("viewer / pw-viewer  (viewer)")
                .contains("data/demo-api-token")
                .contains("grant_type=api_token -d client_id=webpaas-cli")
                .contains("http://127.0.0.1:8080/ssh");
    }

    @Test
    void withoutDemoDataShowsOnlyTheEndpoints() {
        String text = new StartupBanner(properties).text(Optional.empty());

        assertThat(text).contains("ssh <project>-main--app@ssh.example.test -p 2222").doesNotContain("Demo users");
    }
}
