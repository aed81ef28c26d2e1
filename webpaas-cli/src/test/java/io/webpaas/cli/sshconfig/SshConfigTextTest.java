package io.webpaas.cli.sshconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webpaas.cli.CliException;
import org.junit.jupiter.api.Test;

class SshConfigTextTest {
    @Test
    void renewCommandQuotesPathsForTheShellAndEscapesSshTokens() {
        assertThat(SshConfiguration.renewCommand("/opt/webpaas/bin/webpaas", null))
                .isEqualTo("/opt/webpaas/bin/webpaas ssh-cert:load --refresh-only --yes --quiet");
        assertThat(SshConfiguration.renewCommand("/home/a b/it's/webpaas", "/tmp/100%"))
                .isEqualTo("env WEBPAAS_HOME='/tmp/100%%' '/home/a b/it'\\''s/webpaas' ssh-cert:load --refresh-only --yes --quiet");
    }

    @Test
    void aDoubleQuoteCannotBeWrittenIntoTheConfig() {
        assertThatThrownBy(() -> SshConfigText.quote("/home/\"x\"")).isInstanceOf(CliException.class);
    }
}
