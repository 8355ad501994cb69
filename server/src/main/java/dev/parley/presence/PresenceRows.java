package dev.parley.presence;

import java.util.Collection;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code presence} table. */
@Repository
class PresenceRows {

    /** When a user was last seen, and whether they hide it. */
    record LastSeen(@Nullable Long at, boolean hidden) {}

    private final JdbcClient jdbc;

    PresenceRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void seen(long userId, long at) {
        upsert(userId, "last_seen_at", at);
    }

    /** Records that all these users were last seen at {@code at}, in one transaction. */
    @Transactional
    public void seen(Collection<Long> userIds, long at) {
        userIds.forEach(userId -> seen(userId, at));
    }

    void hideLastSeen(long userId, boolean hide) {
        upsert(userId, "hide_last_seen", hide);
    }

    boolean hidesLastSeen(long userId) {
        var seen = lastSeen(userId);
        return seen != null && seen.hidden();
    }

    @Nullable
    LastSeen lastSeen(long userId) {
        return jdbc.sql("SELECT last_seen_at, hide_last_seen FROM presence WHERE user_id = ?")
                .param(userId)
                .query((rs, row) ->
                        new LastSeen(rs.getObject("last_seen_at", Long.class), rs.getBoolean("hide_last_seen")))
                .optional()
                .orElse(null);
    }

    /** Sets one column (chosen by the caller, never user input) of the user's row, creating the row if needed. */
    private void upsert(long userId, String column, Object value) {
        var update = "UPDATE presence SET " + column + " = ? WHERE user_id = ?";
        if (jdbc.sql(update).params(value, userId).update() == 1) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO presence (user_id, " + column + ") VALUES (?, ?)")
                    .params(userId, value)
                    .update();
        } catch (DuplicateKeyException raced) {
            jdbc.sql(update).params(value, userId).update();
        }
    }
}
