package dev.parley.social;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code blocks} table: who blocked whom. */
@Repository
class Blocks {

    record Row(long userId, long blockedId, long createdAt) {}

    private final JdbcClient jdbc;

    Blocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException if the user already blocked them */
    void insert(long userId, long blockedId, long now) {
        jdbc.sql("INSERT INTO blocks (user_id, blocked_id, created_at) VALUES (?, ?, ?)")
                .params(userId, blockedId, now)
                .update();
    }

    boolean delete(long userId, long blockedId) {
        return jdbc.sql("DELETE FROM blocks WHERE user_id = ? AND blocked_id = ?")
                        .params(userId, blockedId)
                        .update()
                == 1;
    }

    /** Whether {@code userId} blocked {@code otherId}. */
    boolean exists(long userId, long otherId) {
        return jdbc.sql("SELECT COUNT(*) FROM blocks WHERE user_id = ? AND blocked_id = ?")
                        .params(userId, otherId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Whether either user blocked the other. */
    boolean eitherWay(long userId, long otherId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM blocks
                        WHERE (user_id = ? AND blocked_id = ?) OR (user_id = ? AND blocked_id = ?)""")
                        .params(userId, otherId, otherId, userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    List<Row> of(long userId) {
        return jdbc.sql("SELECT user_id, blocked_id, created_at FROM blocks WHERE user_id = ? ORDER BY created_at DESC")
                .param(userId)
                .query(Row.class)
                .list();
    }
}
