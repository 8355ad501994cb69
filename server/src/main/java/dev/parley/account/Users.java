package dev.parley.account;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
class Users {

    record Row(long id, String username, String passwordHash) {}

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long id, String username, String passwordHash, long createdAt) {
        jdbc.sql("INSERT INTO users (id, username, password_hash, created_at) VALUES (?, ?, ?, ?)")
                .params(id, username, passwordHash, createdAt)
                .update();
    }

    Optional<Row> byUsername(String username) {
        return jdbc.sql("SELECT id, username, password_hash FROM users WHERE username = ?")
                .param(username)
                .query(Row.class)
                .optional();
    }

    java.util.List<Row> byIds(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.List.of();
        }
        return jdbc.sql("SELECT id, username, password_hash FROM users WHERE id IN (:ids)")
                .param("ids", ids)
                .query(Row.class)
                .list();
    }

    Optional<Row> byId(long id) {
        return jdbc.sql("SELECT id, username, password_hash FROM users WHERE id = ?")
                .param(id)
                .query(Row.class)
                .optional();
    }
}
