package dev.parley.social;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code friendships} table: two rows per friendship, one for each side, each with that side's remark. */
@Repository
class FriendshipRows {

    /** One side of a friendship: {@code userId}'s view of {@code friendId}. */
    record Row(long userId, long friendId, @Nullable String remark, long createdAt) {}

    private final JdbcClient jdbc;

    FriendshipRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Both sides; must run in a transaction. */
    void insertBoth(long userId, long friendId, long now) {
        for (var pair : new long[][] {{userId, friendId}, {friendId, userId}}) {
            jdbc.sql("INSERT INTO friendships (user_id, friend_id, created_at) VALUES (?, ?, ?)")
                    .params(pair[0], pair[1], now)
                    .update();
        }
    }

    /** Both sides; true if they were friends. */
    boolean deleteBoth(long userId, long friendId) {
        return jdbc.sql("""
                        DELETE FROM friendships
                        WHERE (user_id = ? AND friend_id = ?) OR (user_id = ? AND friend_id = ?)""").params(userId, friendId, friendId, userId).update() > 0;
    }

    boolean exists(long userId, long friendId) {
        return find(userId, friendId).isPresent();
    }

    Optional<Row> find(long userId, long friendId) {
        return jdbc.sql(
                        "SELECT user_id, friend_id, remark, created_at FROM friendships WHERE user_id = ? AND friend_id = ?")
                .params(userId, friendId)
                .query(Row.class)
                .optional();
    }

    List<Row> of(long userId) {
        return jdbc.sql("SELECT user_id, friend_id, remark, created_at FROM friendships WHERE user_id = ?")
                .param(userId)
                .query(Row.class)
                .list();
    }

    List<Long> friendIds(long userId) {
        return jdbc.sql("SELECT friend_id FROM friendships WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .list();
    }

    boolean setRemark(long userId, long friendId, @Nullable String remark) {
        return jdbc.sql("UPDATE friendships SET remark = ? WHERE user_id = ? AND friend_id = ?")
                        .params(remark, userId, friendId)
                        .update()
                == 1;
    }
}
