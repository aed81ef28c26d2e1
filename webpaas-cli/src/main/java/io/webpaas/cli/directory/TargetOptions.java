package io.webpaas.cli.directory;

import picocli.CommandLine.Option;

/** The options that name where a command goes, as mixins: each command takes those it needs. */
public final class TargetOptions {
    private TargetOptions() {
    }

    public static final class ProjectOption {
        @Option(names = {"-p", "--project"}, paramLabel = "ID",
                description = "The project ID (a numbered list to choose from when omitted at a terminal).")
        String value;

        public String value() {
            return value;
        }
    }

    public static final class EnvironmentOption {
        @Option(names = {"-e", "--environment"}, paramLabel = "NAME",
                description = "The environment's machine name, e.g. main (chosen from a list when omitted at a terminal).")
        String value;

        public String value() {
            return value;
        }
    }

    public static final class AppOption {
        @Option(names = {"-A", "--app"}, paramLabel = "NAME",
                description = "The app (chosen from a list when omitted at a terminal).")
        String value;

        public String value() {
            return value;
        }
    }
}
