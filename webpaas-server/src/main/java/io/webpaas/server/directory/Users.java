package io.webpaas.server.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/** The {@code users} table. Passwords are stored only as KDF hashes. */
@Repository
public class Users {
    private static final String COLUMNS = "uuid, username, email, staff, totp_enabled, created_at";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    public Users(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    public User create(String username, String email, String rawPassword, boolean staff) {
        User user = new User(UUID.randomUUID(), username, email, staff, false, Instant.now());
        jdbc.sql("""
                INSERT INTO users (uuid, username, email, password_hash, staff, totp_enabled, created_at)
                VALUES (?, ?, ?, ?, ?, FALSE, ?)""")
                .params(user.uuid().toString(), username, email, passwords.encode(rawPassword), staff,
                        Timestamp.from(user.createdAt()))
                .update();
        return user;
    }

    public Optional<User> find(UUID uuid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE uuid = ?")
                .param(uuid.toString()).query(Users::map).optional();
    }

    public Optional<User> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE username = ?")
                .param(username).query(Users::map).optional();
    }

    static User map(ResultSet rs, int row) throws SQLException {
        return new User(UUID.fromString(rs.getString("uuid")), rs.getString("username"), rs.getString("email"),
                rs.getBoolean("staff"), rs.getBoolean("totp_enabled"), rs.getTimestamp("created_at").toInstant());
    }
}
