package io.webpaas.server.gateway;

import io.webpaas.server.certifier.HostCertificate;
import io.webpaas.server.certifier.HostCertificates;
import io.webpaas.server.config.WebpaasProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.keyprovider.HostKeyCertificateProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The gateway's Ed25519 host key, kept under {@code <dataDir>/gateway/} so clients see the same
 * key after a restart, and its {@link HostCertificate} for {@code webpaas.ssh-host}, so clients
 * that trust {@code GET /ssh/host-authority} with one {@code @cert-authority} line never see a prompt.
 * Closing it stops the certificate's renewal.
 */
@Component
@Conditional(OnGatewayRole.class)
class HostKey implements HostKeyCertificateProvider, AutoCloseable {
    private final KeyPairProvider keys;
    private final HostCertificate certificate;

    HostKey(WebpaasProperties properties, HostCertificates hostCertificates) throws IOException {
        KeyPair keyPair = loadOrCreate(Files.createDirectories(properties.dataDir().resolve("gateway"))
                .resolve("host_ed25519_key"));
        this.keys = KeyPairProvider.wrap(keyPair);
        this.certificate = hostCertificates.certify(keyPair.getPublic(), "gateway", List.of(properties.sshHost()));
    }

    /** The key in OpenSSH's private key format, readable only by its owner, made at the first start. */
    private static KeyPair loadOrCreate(Path file) throws IOException {
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    return SecurityUtils.loadKeyPairIdentities(null, new PathResource(file), in, null).iterator().next();
                }
            }
            KeyPair generated = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            Path partial = Files.createFile(file.resolveSibling(file.getFileName() + ".new"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(partial)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(generated, "webpaas gateway", null, out);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return generated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or make the gateway host key " + file, e);
        }
    }

    KeyPairProvider keys() {
        return keys;
    }

    @Override
    public Iterable<OpenSshCertificate> loadCertificates(SessionContext session) {
        return certificate.loadCertificates(session);
    }

    @Override
    public void close() {
        certificate.close();
    }
}
