package io.webpaas.server.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.sshd.server.Signal;

/** A command without a terminal (exec, sftp, scp, git): stdin, stdout and stderr are pipes. */
final class PipedProcess implements SessionProcess {
    private final Process process;

    private PipedProcess(Process process) {
        this.process = process;
    }

    static PipedProcess start(List<String> argv, Map<String, String> environment, Path directory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new PipedProcess(builder.start());
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
        return process.getErrorStream();
    }

    @Override
    public boolean closesInputOnEof() {
        return true;
    }

    @Override
    public void resize(int columns, int rows) {
        // no terminal to resize
    }

    /** To the sandboxed command itself: the first process below bwrap's own (it runs it as PID 1 in its namespace). */
    @Override
    public void signal(Signal signal) {
        long target = process.descendants()
                .filter(child -> !child.info().command().orElse("").endsWith("/bwrap"))
                .findFirst().map(ProcessHandle::pid).orElse(process.pid());
        Signals.send(signal, target);
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
