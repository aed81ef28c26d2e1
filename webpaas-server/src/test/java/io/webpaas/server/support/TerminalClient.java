package io.webpaas.server.support;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * {@code ssh -tt} run on a terminal of its own, as a person at a keyboard runs it: keys typed,
 * the screen read, the window resized (the local kernel then signals ssh, which tells the server).
 */
public final class TerminalClient implements AutoCloseable {
    private final PtyProcess process;
    private final StringBuffer screen = new StringBuffer();

    private TerminalClient(PtyProcess process) {
        this.process = process;
        Thread reader = new Thread(this::read, "terminal-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static TerminalClient start(List<String> command, int columns, int rows) throws IOException {
        return new TerminalClient(new PtyProcessBuilder(command.toArray(String[]::new))
                .setEnvironment(Map.of("PATH", System.getenv("PATH"), "TERM", "xterm", "HOME",
                        System.getProperty("java.io.tmpdir")))
                .setInitialColumns(columns).setInitialRows(rows).setRedirectErrorStream(true).start());
    }

    private void read() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException ended) {
            // the terminal closes when ssh exits
        }
    }

    /** Waits until the output shows {@code pattern}; returns everything shown so far. */
    public String await(Pattern pattern) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .alias("terminal output matching " + pattern + "; shown: " + screen)
                .until(() -> pattern.matcher(screen).find());
        return screen.toString();
    }

    public String await(String text) {
        return await(Pattern.compile(Pattern.quote(text)));
    }

    /** How much has been shown so far: a mark for {@link #awaitAfter}. */
    public int mark() {
        return screen.length();
    }

    /** Waits until {@code text} is shown after {@code mark}. */
    public void awaitAfter(int mark, String text) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .alias("terminal output " + text + " after " + mark + "; shown: " + screen)
                .until(() -> screen.indexOf(text, mark) >= 0);
    }

    public void type(String keys) throws IOException {
        process.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    public void resize(int columns, int rows) {
        process.setWinSize(new WinSize(columns, rows));
    }

    public int exitCode() throws InterruptedException {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            throw new AssertionError("ssh did not exit; shown: " + screen);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
