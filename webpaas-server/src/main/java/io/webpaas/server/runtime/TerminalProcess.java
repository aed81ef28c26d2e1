package io.webpaas.server.runtime;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.sshd.server.Signal;

/** A command on a pseudo-terminal of its own (pty4j), as sshd runs it after a {@code pty-req}. */
final class TerminalProcess implements SessionProcess {
    /** Fields of {@code /proc/<pid>/stat} after the command name: the process group, the terminal's foreground group. */
    private static final int PGRP = 2;
    private static final int TPGID = 5;

    private final PtyProcess process;

    private TerminalProcess(PtyProcess process) {
        this.process = process;
    }

    static TerminalProcess start(List<String> argv, Map<String, String> environment, Path directory, int columns,
                                 int rows) throws IOException {
        return new TerminalProcess(new PtyProcessBuilder(argv.toArray(String[]::new))
                .setEnvironment(environment)
                .setDirectory(directory.toString())
                .setInitialColumns(columns > 0 ? columns : 80)
                .setInitialRows(rows > 0 ? rows : 24)
                .setRedirectErrorStream(true)
                .start());
    }

    @Override
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return null;
    }

    @Override
    public boolean closesInputOnEof() {
        return false;
    }

    @Override
    public void resize(int columns, int rows) {
        if (columns > 0 && rows > 0) {
            process.setWinSize(new WinSize(columns, rows));
        }
    }

    /** To the terminal's foreground process group, as a key like Ctrl-C would, whatever job runs in front. */
    @Override
    public void signal(Signal signal) {
        long group = statField(process.pid(), TPGID);
        Signals.send(signal, group > 0 && ours(group) ? -group : process.pid());
    }

    /**
     * Whether a process of this session is in {@code group}. The number comes from /proc, and a
     * group that ended since could already lead someone else's processes: the runtime's user may
     * signal far more than the sandbox.
     */
    private boolean ours(long group) {
        return ProcessHandle.of(process.pid()).stream().flatMap(shell -> Stream.concat(Stream.of(shell),
                shell.descendants())).anyMatch(member -> statField(member.pid(), PGRP) == group);
    }

    /** A numeric field of {@code /proc/<pid>/stat} counted after the command name, or -1 once the process is gone. */
    private static long statField(long pid, int field) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[field]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    @Override
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void destroy() {
        process.destroyForcibly();
    }
}
