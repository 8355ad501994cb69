package dev.parley.account;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code device_sessions} table: one row per logged-in device, found by the hash of its token. */
@Repository
class DeviceSessions {

    record Row(long id, long userId, long lastSeenAt) {}

    /** A device as its owner sees it in the device list. */
    record Device(long id, String name, long createdAt, long lastSeenAt) {}

    private final JdbcClient jdbc;

    DeviceSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long id, long userId, String tokenHash, String deviceName, long now) {
        jdbc.sql("""
                INSERT INTO device_sessions (id, user_id, token_hash, device_name, created_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?)""").params(id, userId, tokenHash, deviceName, now, now).update();
    }

    Optional<Row> byTokenHash(String tokenHash) {
        return jdbc.sql("SELECT id, user_id, last_seen_at FROM device_sessions WHERE token_hash = ?")
                .param(tokenHash)
                .query(Row.class)
                .optional();
    }

    void touch(long id, long now) {
        jdbc.sql("UPDATE device_sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?")
                .params(now, id, now)
                .update();
    }

    List<Device> ofUser(long userId) {
        return jdbc.sql("""
                SELECT id, device_name AS name, created_at, last_seen_at FROM device_sessions
                WHERE user_id = ? ORDER BY last_seen_at DESC, id""").param(userId).query(Device.class).list();
    }

    boolean delete(long id, long userId) {
        return jdbc.sql("DELETE FROM device_sessions WHERE id = ? AND user_id = ?")
                        .params(id, userId)
                        .update()
                == 1;
    }
}
