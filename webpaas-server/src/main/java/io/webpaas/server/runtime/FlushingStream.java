package io.webpaas.server.runtime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Flushes after every write, so interactive bytes are not held back in a buffer. */
final class FlushingStream extends FilterOutputStream {
    FlushingStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        out.flush();
    }
}
