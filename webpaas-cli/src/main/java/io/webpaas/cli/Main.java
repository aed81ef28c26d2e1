package io.webpaas.cli;

import picocli.CommandLine;

/** Entry point of {@code bin/webpaas}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(Cli.fromProcess()).execute(args));
    }

    /** The command tree; {@link WebpaasCommand} lists the subcommands. */
    public static CommandLine commandLine(Cli cli) {
        WebpaasCommand root = new WebpaasCommand(cli);
        CommandLine commandLine = new CommandLine(root);
        root.register(commandLine);
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof CliException failure) {
                line.getErr().println(failure.getMessage());
                return failure.exitCode();
            }
            if (cli.env("WEBPAAS_DEBUG").isPresent()) {
                throw exception;
            }
            line.getErr().println("Error: " + exception.getMessage() + " (WEBPAAS_DEBUG=1 shows the details)");
            return 1;
        });
        return commandLine;
    }
}
