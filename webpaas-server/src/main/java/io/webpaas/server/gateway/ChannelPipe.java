package io.webpaas.server.gateway;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelAsyncOutputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.channel.ChannelDataReceiver;
import org.apache.sshd.server.channel.ChannelSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direction of the bridge: the data a channel receives, written in order to the channel on
 * the other connection, without blocking a thread. Each chunk is written once the previous one
 * has gone out, and the receiving channel's window is given back only for bytes written: the
 * sender can never have more outstanding than that window, so a slow reader holds the gateway
 * to one window per direction and the sender simply waits.
 */
final class ChannelPipe {
    private static final Logger log = LoggerFactory.getLogger(ChannelPipe.class);
    /** Queued after the last chunk: the sender's EOF. */
    private static final Buffer END = new ByteArrayBuffer(0);
    /** The most gathered into one write. */
    private static final int CHUNK = 32 * 1024;

    private final Channel source;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final AtomicLong carried = new AtomicLong();
    private IoOutputStream target;
    /** The target's session when chunks are built as its packets, else null. */
    private Session packets;
    private int chunkSize = CHUNK;
    private boolean writing;
    private boolean ended;
    /** Bytes written but not yet given back to the source's window, see {@link #written}. */
    private long unreleased;

    /** @param source the channel the data arrives on, whose window is given back as the data is written */
    ChannelPipe(Channel source) {
        this.source = source;
    }

    /**
     * Takes a copy of data that arrived on the source (the caller's array is reused for the next
     * packet). While a write is under way, data is gathered into chunks of up to one packet, so a
     * fast sender costs one write per packet rather than one per arriving piece; when the target
     * is a channel's data stream, each chunk is built as that session's outgoing packet, which
     * MINA then sends as it is instead of copying it into a new one.
     */
    void data(byte[] data, int offset, long length) {
        int end = offset + (int) length;
        synchronized (this) {
            if (finished.isDone()) {
                return;
            }
            Buffer last = queue.peekLast();
            while (offset < end) {
                if (last == null || last == END || last.available() >= chunkSize) {
                    boolean idle = !writing && queue.isEmpty() && target != null;
                    last = newChunk(idle ? Math.min(end - offset, chunkSize) : chunkSize);
                    queue.add(last);
                }
                int taken = Math.min(end - offset, chunkSize - last.available());
                last.putRawBytes(data, offset, taken);
                offset += taken;
            }
        }
        next();
    }

    /** An empty chunk with room for {@code size} bytes. */
    private Buffer newChunk(int size) {
        if (packets == null) {
            return new ByteArrayBuffer(size, false);
        }
        Buffer packet = packets.createBuffer(SshConstants.SSH_MSG_CHANNEL_DATA, size + 8);
        packet.wpos(packet.wpos() + 8); // recipient channel and length, written when it is sent
        packet.rpos(packet.wpos());
        return packet;
    }

    /** The sender is done (EOF, or its channel closed): whatever is queued still goes out, then {@link #finished()}. */
    void end() {
        synchronized (this) {
            if (ended || finished.isDone()) {
                return;
            }
            ended = true;
            queue.add(END);
        }
        next();
    }

    /** Where the data goes, once the other side's channel is open; data may be queued before. */
    void connect(IoOutputStream target) {
        synchronized (this) {
            this.target = target;
            if (target instanceof ChannelAsyncOutputStream stream
                    && stream.getCommandType() == SshConstants.SSH_MSG_CHANNEL_DATA) {
                Channel channel = stream.getChannel();
                packets = channel.getSession();
                chunkSize = (int) Math.max(1, Math.min(CHUNK, channel.getRemoteWindow().getPacketSize()));
            }
        }
        next();
    }

    /** Completes when everything up to the end has been written, or the target is gone. */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /** An action on a channel when a pipe has finished, such as passing EOF on. */
    @FunctionalInterface
    interface Then {
        void run() throws IOException;
    }

    /** Runs {@code then} once every pipe has finished; a failure is only logged, as the channel is ending anyway. */
    static CompletableFuture<Void> whenFinished(Then then, ChannelPipe... pipes) {
        return CompletableFuture.allOf(Arrays.stream(pipes).map(ChannelPipe::finished)
                .toArray(CompletableFuture[]::new)).thenRun(() -> {
                    try {
                        then.run();
                    } catch (IOException e) {
                        log.debug("after a pipe finished: {}", e.toString());
                    }
                });
    }

    /** Bytes written to the target. */
    long bytes() {
        return carried.get();
    }

    /** The data a session channel at the gateway receives from the user, delivered to this pipe. */
    ChannelDataReceiver receiver() {
        return new ChannelDataReceiver() {
            @Override
            public int data(ChannelSession channel, byte[] buffer, int start, int length) {
                ChannelPipe.this.data(buffer, start, length);
                return 0; // the window is given back once written
            }

            @Override
            public void close() {
                end();
            }
        };
    }

    /** Starts the next write unless one is under way; never called with the lock held while writing. */
    private void next() {
        Buffer chunk;
        IoOutputStream to;
        synchronized (this) {
            if (writing || target == null || queue.isEmpty() || finished.isDone()) {
                return;
            }
            chunk = queue.poll();
            if (chunk != END) {
                writing = true;
            }
            to = target;
        }
        if (chunk == END) {
            finished.complete(null);
            return;
        }
        int length = chunk.available();
        try {
            to.writeBuffer(chunk).addListener(written -> written(written, length));
        } catch (IOException e) {
            broken(e);
        }
    }

    /**
     * The window is given back a quarter of it at a time: MINA answers nearly every release of a
     * packet's worth with a window adjust message of its own, which doubled the packets a stream
     * cost. Holding back less than a quarter never stalls the sender, who always has the rest.
     */
    private void written(IoWriteFuture written, int length) {
        if (!written.isWritten()) {
            broken(written.getException());
            return;
        }
        carried.addAndGet(length);
        long release = 0;
        synchronized (this) {
            writing = false;
            unreleased += length;
            if (unreleased >= source.getLocalWindow().getMaxSize() / 4) {
                release = unreleased;
                unreleased = 0;
            }
        }
        try {
            if (release > 0 && source.isOpen()) {
                source.getLocalWindow().release(release);
            }
        } catch (IOException e) {
            log.debug("cannot give back {} bytes of window on {}: {}", release, source, e.toString());
        }
        next();
    }

    /** The target went away: nothing more can be delivered, so the rest is dropped. */
    private void broken(Throwable cause) {
        log.debug("{} cannot deliver to the other side: {}", source, String.valueOf(cause));
        synchronized (this) {
            queue.clear();
            writing = false;
        }
        finished.complete(null);
    }
}
