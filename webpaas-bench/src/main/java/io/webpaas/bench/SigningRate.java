package io.webpaas.bench;

import io.webpaas.sshca.CertificateAuthority;
import io.webpaas.sshca.CertificateSpec;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/** The raw rate at which one thread signs user certificates with an Ed25519 CA, after a warm-up. */
final class SigningRate {
    private SigningRate() {
    }

    static double measure(Duration duration) throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate("bench-ca");
        PublicKey key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic();
        Map<String, String> extensions = Map.of("permit-pty", "", "uuid@webpaas", "00000000-0000-4000-8000-000000000000",
                "access@webpaas", "{\"wk5fqz6qoo123\":\"admin\"}");
        signFor(ca, key, extensions, duration.dividedBy(2)); // warm-up: let the JIT compile the signing path
        return signFor(ca, key, extensions, duration) / (duration.toNanos() / 1e9);
    }

    private static long signFor(CertificateAuthority ca, PublicKey key, Map<String, String> extensions,
                                Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long signed = 0;
        while (System.nanoTime() < end) {
            Instant now = Instant.now();
            ca.sign(CertificateSpec.user(key, "bench", List.of("bench"), now.minusSeconds(60), now.plusSeconds(3600),
                    signed, extensions));
            signed++;
        }
        return signed;
    }
}
