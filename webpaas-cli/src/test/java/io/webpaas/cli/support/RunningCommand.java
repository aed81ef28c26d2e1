package io.webpaas.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A command still running: its output collected as it comes, so a test can wait for a line. */
public final class RunningCommand implements AutoCloseable {
    private final Process process;
    private final String what;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread[] pumps;

    RunningCommand(Process process, String what) {
        this.process = process;
        this.what = what;
        this.pumps = new Thread[] {pump(process.getInputStream(), stdout), pump(process.getErrorStream(), stderr)};
    }

    /** Waits until standard error matches {@code pattern}; returns the match. */
    public Matcher awaitStderr(Pattern pattern) {
        return await(stderr, pumps[1], pattern);
    }

    /** Waits until standard output matches {@code pattern} (a terminal's output is all there). */
    public Matcher awaitStdout(Pattern pattern) {
        return await(stdout, pumps[0], pattern);
    }

    /** Types {@code text} on the command's standard input. */
    public void type(String text) {
        try {
            process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What Ctrl-C does: SIGINT to the processes in the terminal (the CLI and what it runs).
     */
    public void interrupt() {
        List<String> kill = new ArrayList<>(List.of("kill", "-INT"));
        process.descendants().forEach(child -> kill.add(String.valueOf(child.pid())));
        CliUser.run(Map.of("PATH", System.getenv("PATH")), kill.toArray(String[]::new));
    }

    private Matcher await(StringBuffer output, Thread pump, Pattern pattern) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Matcher matcher = pattern.matcher(output);
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive() && !pump.isAlive()) {
                throw new IllegalStateException(what + " ended before printing " + pattern + ": " + result());
            }
            TestServer.sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException(what + " did not print " + pattern + " within a minute: " + output);
    }

    /** Ends the command and what it started, if still running (a test that failed half-way). */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Waits for the end (two minutes at most). */
    public CliUser.Result finish() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish in 2 minutes: " + stderr);
            }
            for (Thread pump : pumps) {
                pump.join();
            }
            return result();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private CliUser.Result result() {
        return new CliUser.Result(process.isAlive() ? -1 : process.exitValue(), stdout.toString(), stderr.toString());
    }

    private static Thread pump(InputStream in, StringBuffer into) {
        return Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[4096];
            try (in) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    into.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
