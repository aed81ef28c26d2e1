package io.webpaas.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Request bodies, each with its own new Ed25519 public key, made before the clock starts so
 * that key generation (which real clients do on their own machines) does not take CPU from
 * the server under test. Never hands out a key twice; makes more if the stock runs out, and
 * counts those, since they were made on the clock.
 */
final class FreshKeys {
    private static final byte[] KEY_TYPE = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);

    private final ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
    private final AtomicLong madeOnDemand = new AtomicLong();
    private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(SecureRandom::new);

    void make(int count) {
        IntStream.range(0, count).parallel().forEach(i -> bodies.add(newBody()));
    }

    String next() {
        String body = bodies.poll();
        if (body != null) {
            return body;
        }
        madeOnDemand.incrementAndGet();
        return newBody();
    }

    /** How many keys ran out of stock and were made during a timed run. */
    long madeOnDemand() {
        return madeOnDemand.get();
    }

    /** {@code {"key":"ssh-ed25519 AAAA…"}}: the OpenSSH key blob is the type and the 32-byte point. */
    private String newBody() {
        byte[] publicKey = new Ed25519PrivateKeyParameters(random.get()).generatePublicKey().getEncoded();
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(blob)) {
            out.writeInt(KEY_TYPE.length);
            out.write(KEY_TYPE);
            out.writeInt(publicKey.length);
            out.write(publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "{\"key\":\"ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray()) + "\"}";
    }
}
