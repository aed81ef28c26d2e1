package io.webpaas.cli.certificate;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The SSH wire encoding (RFC 4251 §5): uint32, uint64 and length-prefixed strings. */
final class SshWire {
    private SshWire() {
    }

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer uint32(int value) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
            return this;
        }

        Writer string(byte[] value) {
            uint32(value.length);
            out.writeBytes(value);
            return this;
        }

        Writer string(String value) {
            return string(value.getBytes(StandardCharsets.UTF_8));
        }

        Writer raw(byte[] value) {
            out.writeBytes(value);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] bytes) {
            this.in = ByteBuffer.wrap(bytes);
        }

        int uint32() {
            return in.getInt();
        }

        long uint64() {
            return in.getLong();
        }

        byte[] bytes() {
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new BufferUnderflowException();
            }
            byte[] value = new byte[length];
            in.get(value);
            return value;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        boolean hasRemaining() {
            return in.hasRemaining();
        }
    }
}
