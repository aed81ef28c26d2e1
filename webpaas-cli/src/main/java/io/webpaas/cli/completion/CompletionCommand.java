package io.webpaas.cli.completion;

import io.webpaas.cli.Cli;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the shell completion script for bash or zsh. Load it with:",
                "  bash: source <(webpaas completion bash)   (or save it under /etc/bash_completion.d/)",
                "  zsh:  source <(webpaas completion zsh)    (bash-style completion through bashcompinit)"})
public final class CompletionCommand implements Runnable {
    private final Cli cli;

    public enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Spec
    CommandSpec spec;

    public CompletionCommand(Cli cli) {
        this.cli = cli;
    }

    /**
     * picocli writes one script for both shells (under zsh it loads bashcompinit first). Command
     * names hold colons, where bash splits words by default, so bash is told not to.
     */
    @Override
    public void run() {
        cli.out().print(AutoComplete.bash("webpaas", spec.root().commandLine()));
        if (shell == Shell.bash) {
            cli.out().println("# Command names such as tunnel:open hold a colon: complete them as one word.");
            cli.out().println("COMP_WORDBREAKS=${COMP_WORDBREAKS//:}");
        }
    }
}
