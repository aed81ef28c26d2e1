package io.webpaas.cli.sshconfig;

import io.webpaas.cli.CliException;

/** Quoting for ssh_config(5) values and the shell command of a {@code Match exec}. */
public final class SshConfigText {
    private SshConfigText() {
    }

    /** A value in double quotes (ssh_config has no escape for a double quote inside them). */
    public static String quote(String value) {
        if (value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
            throw new CliException("Cannot write a path with a double quote or a line break into the ssh config: " + value);
        }
        return "\"" + value + "\"";
    }

    /** A word for {@code /bin/sh}, with ssh's {@code %} tokens escaped. */
    static String shellWord(String value) {
        String escaped = value.replace("%", "%%");
        return escaped.matches("[A-Za-z0-9_./:=@+-]+") ? escaped : "'" + escaped.replace("'", "'\\''") + "'";
    }
}
