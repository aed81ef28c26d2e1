package io.webpaas.server.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.server.Signal;

/** A session's running command: on a terminal of its own or on plain pipes. */
interface SessionProcess {
    OutputStream stdin();

    InputStream stdout();

    /** The separate error stream, or {@code null} on a terminal, where both outputs share one stream. */
    InputStream stderr();

    /** Whether end-of-file from the client closes the command's input (not on a terminal: the shell reads on). */
    boolean closesInputOnEof();

    void resize(int columns, int rows);

    /** Delivers a signal from the client to the command, or on a terminal to its foreground process group. */
    void signal(Signal signal);

    int waitFor() throws InterruptedException;

    void destroy();
}
