package io.webpaas.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.directory.App;
import io.webpaas.server.directory.Environment;
import io.webpaas.server.directory.EnvironmentType;
import io.webpaas.server.directory.Organization;
import io.webpaas.server.directory.Project;
import io.webpaas.server.directory.Relationships;
import io.webpaas.server.directory.SshTarget;
import io.webpaas.sshca.Permits;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runtime does when bwrap is missing: refuse to start, unless told to run unsandboxed. */
class SandboxTest {
    @TempDir
    Path dataDir;

    @Test
    void withoutBwrapTheRuntimeRefusesToStartAndSaysHowToProceed() {
        Sandbox sandbox = sandbox(false);

        assertThatThrownBy(sandbox::requireAvailable).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bubblewrap")
                .hasMessageContaining("--webpaas.runtime.insecure-no-sandbox=true");
    }

    @Test
    void toldToRunUnsandboxedItStartsAndRunsCommandsAsTheyAre() {
        Sandbox sandbox = sandbox(true);
        sandbox.requireAvailable();
        AppHome home = new AppHome(dataDir.resolve("app"), List.of());

        assertThat(sandbox.isAvailable()).isFalse();
        assertThat(sandbox.wrap(session(), home, null, List.of("/bin/bash", "-c", "true"), false))
                .containsExactly("/bin/bash", "-c", "true");
    }

    private Sandbox sandbox(boolean insecure) {
        RuntimeProperties runtime = new RuntimeProperties("127.0.0.1", 0, List.of(), null, insecure,
                dataDir.resolve("no-bwrap-here"), Path.of("/usr/lib/openssh/sftp-server"));
        WebpaasProperties webpaas = new WebpaasProperties(dataDir, "http://127.0.0.1", Set.of("runtime"), "127.0.0.1",
                2222, "local", "", false);
        // without bwrap no file is generated, so no CA keys are needed
        return new Sandbox(runtime, new SandboxFiles(webpaas, null));
    }

    private static RuntimeSession session() {
        Instant now = Instant.now();
        return new RuntimeSession(new SshTarget(
                new Organization("o", "org", "Org", false, now),
                new Project("abcdefghijklm", "o", "Project", "local", "main", now),
                new Environment("abcdefghijklm", "main", "main", EnvironmentType.PRODUCTION, true, "app", now),
                new App("abcdefghijklm", "main", "app", List.of(), Relationships.of(Map.of()), "127.0.0.1", 2022, now)),
                "someone", null, new Permits(false, false, false));
    }
}
