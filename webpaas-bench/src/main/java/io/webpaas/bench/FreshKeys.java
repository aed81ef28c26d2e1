package io.webpaas.bench;

import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * Request bodies, each with its own new Ed25519 public key, made before the clock starts so
 * that key generation (which real clients do on their own machines) does not take CPU from
 * the server under test. Never hands out a key twice; makes more if the stock runs out.
 */
final class FreshKeys {
    private final ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();

    void make(int count) {
        IntStream.range(0, count).parallel().forEach(i -> bodies.add(newBody()));
    }

    String next() {
        String body = bodies.poll();
        return body != null ? body : newBody();
    }

    private static String newBody() {
        try {
            return "{\"key\":\"" + PublicKeyEntry.toString(
                    KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic()) + "\"}";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an Ed25519 key", e);
        }
    }
}
