package io.webpaas.server.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code ssh_keys} table. */
@Repository
public class SshKeys {
    private static final String COLUMNS = "id, user_uuid, project_id, title, key_type, public_key, fingerprint_sha256, "
            + "fingerprint_md5, added_by, added_at, last_used_at";

    private final JdbcClient jdbc;

    public SshKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(SshKey key) {
        jdbc.sql("INSERT INTO ssh_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(key.id(), key.userUuid() == null ? null : key.userUuid().toString(), key.projectId(),
                        key.title(), key.keyType(), key.publicKey(), key.sha256Fingerprint(), key.md5Fingerprint(),
                        key.addedBy().toString(), Timestamp.from(key.addedAt()), null)
                .update();
    }

    public List<SshKey> ofUser(UUID user) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ssh_keys WHERE user_uuid = ? ORDER BY added_at, id")
                .param(user.toString()).query(SshKeys::map).list();
    }

    public List<SshKey> ofProject(String projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ssh_keys WHERE project_id = ? ORDER BY added_at, id")
                .param(projectId).query(SshKeys::map).list();
    }

    public Optional<SshKey> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ssh_keys WHERE id = ?")
                .param(id).query(SshKeys::map).optional();
    }

    /** Every registration of the key with this SHA-256 fingerprint: an account and projects may share a key. */
    public List<SshKey> findBySha256Fingerprint(String fingerprint) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ssh_keys WHERE fingerprint_sha256 = ? ORDER BY added_at, id")
                .param(fingerprint).query(SshKeys::map).list();
    }

    public void delete(String id) {
        jdbc.sql("DELETE FROM ssh_keys WHERE id = ?").param(id).update();
    }

    /** @return whether the key still exists */
    public boolean markUsed(String id, Instant at) {
        return jdbc.sql("UPDATE ssh_keys SET last_used_at = ? WHERE id = ?").params(Timestamp.from(at), id).update() == 1;
    }

    private static SshKey map(ResultSet rs, int row) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        String user = rs.getString("user_uuid");
        String project = rs.getString("project_id");
        return new SshKey(rs.getString("id"), user == null ? null : UUID.fromString(user),
                project == null ? null : project.trim(), rs.getString("title"), rs.getString("key_type"),
                rs.getString("public_key"), rs.getString("fingerprint_sha256"), rs.getString("fingerprint_md5"),
                UUID.fromString(rs.getString("added_by")), rs.getTimestamp("added_at").toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }
}
