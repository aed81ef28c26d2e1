package io.webpaas.server.gateway;

import java.io.IOException;
import java.util.Map;
import org.apache.sshd.client.channel.PtyCapableChannelSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * The session channel the gateway opens on the runtime for one of the user's: the same
 * {@code shell}, {@code exec} or {@code subsystem} request after the terminal, agent and
 * environment requests. What the runtime sends goes straight into the pipes to the user
 * ({@link ChannelPipe}), which give this channel's window back as the user takes the data; what
 * the user sends is written through {@link #toRuntime()}, which waits for the runtime's window.
 */
final class RuntimeSessionChannel extends PtyCapableChannelSession {
    private final BridgedCommand.Request request;
    private final ChannelPipe stdout;
    private final ChannelPipe stderr;

    RuntimeSessionChannel(BridgedCommand.Request request, Map<String, String> env) {
        super(false, null, env);
        this.request = request;
        this.stdout = new ChannelPipe(this);
        this.stderr = new ChannelPipe(this);
        setStreaming(Streaming.Async);
    }

    ChannelPipe stdout() {
        return stdout;
    }

    ChannelPipe stderr() {
        return stderr;
    }

    /** Writes to the runtime's side; valid once the channel is open. */
    IoOutputStream toRuntime() {
        return getAsyncIn();
    }

    /** Tells the runtime the user's input has ended. */
    void eof() throws IOException {
        sendEof();
    }

    @Override
    protected void doOpen() throws IOException {
        doOpenPty(); // agent forwarding, pty-req and env, as configured
        Buffer buffer = getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 64);
        buffer.putUInt(getRecipient());
        buffer.putString(request.type());
        buffer.putBoolean(false); // a refusal closes the channel, which ends the user's channel too
        if (request.argument() != null) {
            buffer.putString(request.argument());
        }
        writePacket(buffer);
        super.doOpen(); // the asynchronous stream towards the runtime
    }

    @Override
    protected void doWriteData(byte[] data, int offset, long length) {
        if (!isClosing()) {
            stdout.data(data, offset, length);
        }
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int offset, long length) {
        if (!isClosing()) {
            stderr.data(data, offset, length);
        }
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        stdout.end();
        stderr.end();
    }

    @Override
    protected void preClose() {
        stdout.end();
        stderr.end();
        super.preClose();
    }
}
