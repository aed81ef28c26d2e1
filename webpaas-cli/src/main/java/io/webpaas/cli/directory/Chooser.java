package io.webpaas.cli.directory;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import java.io.Console;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Picks one of several choices for an option that was not given: the only one when there is
 * one, a numbered list at a terminal (Enter takes the default, if any), and without a
 * terminal a message naming the option to give.
 */
public final class Chooser {
    private final Cli cli;

    public Chooser(Cli cli) {
        this.cli = cli;
    }

    /**
     * @param what what is chosen, e.g. "project"
     * @param option the option that names it, e.g. "--project (-p)"
     * @param preferred the choice Enter takes, or {@code null}
     */
    public <T> T choose(String what, String option, List<T> choices, Function<T, String> label, T preferred) {
        if (choices.size() == 1) {
            return choices.getFirst();
        }
        Console console = System.console();
        if (!cli.interactive() || console == null) {
            throw new CliException("Specify the " + what + " with " + option + "; there is no terminal to choose from."
                    + " Choices: " + choices.stream().map(label).collect(Collectors.joining(", ")));
        }
        cli.err().println("Enter a number to choose " + article(what) + " " + what + ":");
        for (int i = 0; i < choices.size(); i++) {
            T choice = choices.get(i);
            cli.err().printf("  [%d] %s%s%n", i + 1, label.apply(choice), choice.equals(preferred) ? " (default)" : "");
        }
        cli.err().flush();
        String range = "[1-" + choices.size() + (preferred == null ? "]" : ", Enter for " + (choices.indexOf(preferred) + 1) + "]");
        while (true) {
            String answer = console.readLine("%s %s: ", capitalized(what), range);
            if (answer == null) {
                throw new CliException("No " + what + " chosen.");
            }
            if (answer.isBlank() && preferred != null) {
                return preferred;
            }
            try {
                int number = Integer.parseInt(answer.strip());
                if (number >= 1 && number <= choices.size()) {
                    return choices.get(number - 1);
                }
            } catch (NumberFormatException notANumber) {
                // asked again below
            }
            cli.err().println("Please enter a number from 1 to " + choices.size() + ".");
        }
    }

    private static String article(String what) {
        return "aeiou".indexOf(what.charAt(0)) >= 0 ? "an" : "a";
    }

    private static String capitalized(String what) {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
}
