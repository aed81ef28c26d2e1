package io.webpaas.server.gateway;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the bytes a session carries each way: from the client ({@code in}) and to it ({@code out}). */
final class ByteCounter {
    private final AtomicLong fromClient = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();

    long in() {
        return fromClient.get();
    }

    long out() {
        return toClient.get();
    }

    InputStream fromClient(InputStream stream) {
        return new FilterInputStream(stream) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    fromClient.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read > 0) {
                    fromClient.addAndGet(read);
                }
                return read;
            }
        };
    }

    OutputStream toClient(OutputStream stream) {
        return new FilterOutputStream(stream) {
            @Override
            public void write(int b) throws IOException {
                super.out.write(b);
                toClient.incrementAndGet();
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                super.out.write(buffer, offset, length);
                toClient.addAndGet(length);
            }
        };
    }
}
