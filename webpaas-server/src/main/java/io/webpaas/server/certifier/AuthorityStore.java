package io.webpaas.server.certifier;

import io.webpaas.server.config.SecretBox;
import io.webpaas.sshca.CertificateAuthority;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code ssh_authorities} table. Private keys go in and out only through {@link SecretBox}. */
@Repository
class AuthorityStore {
    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final TransactionTemplate transactions;

    AuthorityStore(JdbcClient jdbc, SecretBox secrets, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.transactions = transactions;
    }

    /**
     * Every key, oldest generation first, with the private keys of the {@code decrypted} purposes
     * only: the others are never opened.
     */
    List<AuthorityKey> load(Set<AuthorityPurpose> decrypted) {
        return jdbc.sql("""
                SELECT purpose, generation, public_key, private_key, signs_from, retires_at
                FROM ssh_authorities ORDER BY purpose, generation""")
                .query((rs, n) -> {
                    AuthorityPurpose purpose = AuthorityPurpose.fromWire(rs.getString("purpose"));
                    String publicKey = rs.getString("public_key");
                    CertificateAuthority authority = decrypted.contains(purpose)
                            ? CertificateAuthority.fromPkcs8(secrets.open(purpose.sealPurpose(),
                                    rs.getString("private_key")), comment(publicKey))
                            : null;
                    Timestamp retiresAt = rs.getTimestamp("retires_at");
                    return new AuthorityKey(purpose, rs.getInt("generation"), publicKey, authority,
                            rs.getTimestamp("signs_from").toInstant(),
                            retiresAt == null ? null : retiresAt.toInstant());
                })
                .list();
    }

    /** Changes whenever a key is added; rotation adds one, so replicas notice by polling this. */
    long version() {
        return jdbc.sql("SELECT COUNT(*) FROM ssh_authorities").query(Long.class).single();
    }

    boolean exists(AuthorityPurpose purpose) {
        return jdbc.sql("SELECT COUNT(*) FROM ssh_authorities WHERE purpose = ?").param(purpose.wire())
                .query(Long.class).single() > 0;
    }

    /**
     * Inserts generation {@code generation}, and retires the previous one at {@code previousRetiresAt}.
     * Throws {@link org.springframework.dao.DuplicateKeyException} when another replica inserted
     * that generation first.
     */
    void insert(AuthorityPurpose purpose, int generation, CertificateAuthority authority, Instant now,
                Instant signsFrom, Instant previousRetiresAt) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                    INSERT INTO ssh_authorities (id, purpose, generation, public_key, private_key, created_at, signs_from)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID().toString(), purpose.wire(), generation, authority.publicKeyLine(),
                            secrets.seal(purpose.sealPurpose(), authority.privateKeyPkcs8()),
                            Timestamp.from(now), Timestamp.from(signsFrom))
                    .update();
            if (previousRetiresAt != null) {
                jdbc.sql("UPDATE ssh_authorities SET retires_at = ? WHERE purpose = ? AND generation = ?")
                        .params(Timestamp.from(previousRetiresAt), purpose.wire(), generation - 1)
                        .update();
            }
        });
    }

    private static String comment(String publicKeyLine) {
        String[] parts = publicKeyLine.split(" ", 3);
        return parts.length == 3 ? parts[2] : "";
    }
}
