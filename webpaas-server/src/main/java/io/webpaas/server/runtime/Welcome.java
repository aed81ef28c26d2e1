package io.webpaas.server.runtime;

import io.webpaas.server.directory.SshTarget;

/** The banner interactive shells print before the first prompt (DESIGN.md). */
final class Welcome {
    private static final String BANNER = """
             Welcome to WebPaaS.

             This is environment %s
             of project %s.

            """;

    private Welcome() {
    }

    /** With CR LF line ends: it goes straight to a terminal, bypassing the pty's newline translation. */
    static String banner(SshTarget target) {
        return BANNER.formatted(target.environment().machineName(), target.project().id()).replace("\n", "\r\n");
    }
}
