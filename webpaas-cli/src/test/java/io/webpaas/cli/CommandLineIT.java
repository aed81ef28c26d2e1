package io.webpaas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.cli.api.Json;
import io.webpaas.cli.support.CliUser;
import io.webpaas.cli.support.CliUser.Result;
import io.webpaas.cli.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code --help} on every command, the lists as tables and JSON, and completion run by a real bash and a real zsh. */
class CommandLineIT {
    private static final List<String> COMMANDS = List.of("login", "logout", "auth:info", "auth:token",
            "auth:api-token-login", "ssh-cert:load", "ssh-cert:info", "ssh", "tunnel:open", "tunnel:single",
            "tunnel:list", "tunnel:info", "tunnel:close", "project:list", "environment:list", "app:list",
            "ssh-key:add", "ssh-key:list", "ssh-key:delete", "completion");

    @TempDir
    Path home;

    @Test
    void everyCommandHasHelp() {
        CliUser user = new CliUser(home, TestServer.get());
        Result root = user.webpaas("--help");
        assertThat(root.stdout()).contains(COMMANDS.toArray(String[]::new));
        for (String command : COMMANDS) {
            Result help = user.webpaas(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.stdout()).as(command).startsWith("Usage: webpaas " + command);
        }
    }

    @Test
    void listsAreTablesOrJson() throws Exception {
        TestServer server = TestServer.get();
        CliUser user = new CliUser(home, server);
        user.webpaas(Map.of("WEBPAAS_CLI_TOKEN", server.demoApiToken()), "auth:api-token-login", "--yes");
        String app = server.appUsername();

        assertThat(user.webpaas("project:list").stdout()).startsWith("ID ").contains(server.demoProject() + "  Demo");
        JsonNode projects = Json.MAPPER.readTree(user.webpaas("projects", "--format", "json").stdout());
        assertThat(projects.valueStream().map(project -> project.get("id").asString())).contains(server.demoProject());

        JsonNode environments = Json.MAPPER.readTree(user.webpaas("environment:list", "-p", server.demoProject(),
                "--format", "json").stdout());
        assertThat(environments.get(0).get("machine_name").asString()).isEqualTo("main");

        Result apps = user.webpaas("app:list", "-p", server.demoProject(), "-e", "main");
        assertThat(apps.stdout()).startsWith("Name ").contains(app + "@127.0.0.1");
        JsonNode appsJson = Json.MAPPER.readTree(user.webpaas("apps", "-p", server.demoProject(), "-e", "main",
                "--format", "json").stdout());
        assertThat(appsJson.valueStream().map(each -> each.get("ssh_username").asString())).contains(app);

        assertThat(user.webpaas("tunnel:list", "--format", "json").stdout().strip()).isEqualTo("[ ]");
        Result wrong = user.webpaas("project:list", "--format", "yaml");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.stderr()).contains("expected one of [table, json]");
    }

    @Test
    void bashCompletesCommandNamesWithColonsAndOptions() throws Exception {
        CliUser user = new CliUser(home, TestServer.get());
        Path script = home.resolve("webpaas.bash");
        Files.writeString(script, user.webpaas("completion", "bash").stdout());
        Files.writeString(home.resolve("complete.sh"), """
                source "$1"
                complete_line() {
                  COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
                  read -ra COMP_WORDS <<< "$COMP_LINE"
                  [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
                  COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
                  _complete_webpaas 2>/dev/null
                  echo "${COMPREPLY[*]}"
                }
                complete_line "webpaas tunnel:o"
                complete_line "webpaas ssh-key:"
                complete_line "webpaas ssh --pi"
                complete_line "webpaas completion "
                """);

        Result completed = CliUser.run(Map.of("PATH", System.getenv("PATH")), "bash",
                home.resolve("complete.sh").toString(), script.toString());

        assertThat(completed.stdout()).isEqualTo("""
                tunnel:open
                ssh-key:add ssh-key:list ssh-key:delete
                --pipe
                bash zsh
                """);
    }

    /**
     * zsh loads the script through bashcompinit and registers it; the candidates are the
     * command's (zsh itself then narrows them to what was typed).
     */
    @Test
    void zshLoadsTheCompletionAndOffersCommandsAndOptions() throws Exception {
        CliUser user = new CliUser(home, TestServer.get());
        Path script = home.resolve("webpaas.zsh");
        Files.writeString(script, user.webpaas("completion", "zsh").stdout());
        Files.writeString(home.resolve("complete.zsh"), """
                autoload -U compinit && compinit -u
                source "$1"
                print -r -- "${_comps[webpaas]}"
                complete_line() {
                  setopt localoptions ksharrays
                  COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
                  COMP_WORDS=(${=COMP_LINE})
                  [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
                  COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
                  _complete_webpaas 2>/dev/null
                  print -r -- "${COMPREPLY[*]}"
                }
                complete_line "webpaas tunnel:"
                complete_line "webpaas ssh --pi"
                complete_line "webpaas completion "
                """);

        Result completed = CliUser.run(Map.of("PATH", System.getenv("PATH"), "HOME", home.toString()), "zsh", "-f",
                home.resolve("complete.zsh").toString(), script.toString());

        assertThat(completed.stdout().lines().toList()).as(completed.toString()).hasSize(4).satisfies(lines -> {
            assertThat(lines.get(0)).isEqualTo("_bash_complete -F _complete_webpaas -o default");
            assertThat(lines.get(1).split(" ")).contains("tunnel:open", "tunnel:close", "ssh-key:add");
            assertThat(lines.get(2).split(" ")).contains("--pipe", "--project", "--environment", "--app");
            assertThat(lines.get(3)).isEqualTo("bash zsh");
        });
    }
}
