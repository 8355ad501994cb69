package dev.parley.social;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code friend_requests} table: pending requests only, at most one per pair of users. A request
 * whose recipient blocked its sender is hidden from the recipient.
 */
@Repository
class FriendRequests {

    private static final String COLUMNS = "id, from_user_id, to_user_id, greeting, created_at";
    private static final String NOT_HIDDEN =
            " AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.user_id = r.to_user_id AND b.blocked_id = r.from_user_id)";

    private final JdbcClient jdbc;

    FriendRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException if the pair already has a request */
    void insert(FriendRequest request) {
        jdbc.sql("""
                INSERT INTO friend_requests (id, from_user_id, to_user_id, user_low, user_high, greeting, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        request.id(),
                        request.fromUserId(),
                        request.toUserId(),
                        Math.min(request.fromUserId(), request.toUserId()),
                        Math.max(request.fromUserId(), request.toUserId()),
                        request.greeting(),
                        request.createdAt())
                .update();
    }

    Optional<FriendRequest> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM friend_requests WHERE id = ?")
                .param(id)
                .query(FriendRequest.class)
                .optional();
    }

    /** The request between the two users, whichever way it goes. */
    Optional<FriendRequest> between(long userId, long otherId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM friend_requests WHERE user_low = ? AND user_high = ?")
                .params(Math.min(userId, otherId), Math.max(userId, otherId))
                .query(FriendRequest.class)
                .optional();
    }

    /** Requests to the user, newest first, without those from users the recipient blocked. */
    List<FriendRequest> incoming(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM friend_requests r WHERE to_user_id = ?" + NOT_HIDDEN
                        + " ORDER BY created_at DESC, id DESC")
                .param(userId)
                .query(FriendRequest.class)
                .list();
    }

    long incomingCount(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM friend_requests r WHERE to_user_id = ?" + NOT_HIDDEN)
                .param(userId)
                .query(Long.class)
                .single();
    }

    /** Requests from the user, newest first (hidden ones too: their sender cannot tell). */
    List<FriendRequest> outgoing(long userId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM friend_requests WHERE from_user_id = ? ORDER BY created_at DESC, id DESC")
                .param(userId)
                .query(FriendRequest.class)
                .list();
    }

    /** True if this call deleted the request (and no concurrent answer did). */
    boolean delete(long id) {
        return jdbc.sql("DELETE FROM friend_requests WHERE id = ?").param(id).update() == 1;
    }
}
