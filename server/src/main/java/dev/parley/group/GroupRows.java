package dev.parley.group;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code group_chats} and {@code group_invites} tables. */
@Repository
class GroupRows {

    record Group(
            long conversationId,
            @Nullable String announcement,
            long createdBy,
            long createdAt,
            @Nullable Long dissolvedAt) {}

    record Invite(
            String token,
            long conversationId,
            long createdBy,
            long createdAt,
            long expiresAt,
            @Nullable Long revokedAt) {}

    private final JdbcClient jdbc;

    GroupRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long conversationId, @Nullable String announcement, long createdBy, long now) {
        jdbc.sql("INSERT INTO group_chats (conversation_id, announcement, created_by, created_at) VALUES (?, ?, ?, ?)")
                .params(conversationId, announcement, createdBy, now)
                .update();
    }

    Optional<Group> find(long conversationId) {
        return jdbc.sql("SELECT conversation_id, announcement, created_by, created_at, dissolved_at FROM group_chats"
                        + " WHERE conversation_id = ?")
                .param(conversationId)
                .query(Group.class)
                .optional();
    }

    void announce(long conversationId, @Nullable String announcement) {
        jdbc.sql("UPDATE group_chats SET announcement = ? WHERE conversation_id = ?")
                .params(announcement, conversationId)
                .update();
    }

    void dissolve(long conversationId, long now) {
        jdbc.sql("UPDATE group_chats SET dissolved_at = ? WHERE conversation_id = ?")
                .params(now, conversationId)
                .update();
    }

    void insertInvite(Invite invite) {
        jdbc.sql("INSERT INTO group_invites (token, conversation_id, created_by, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(
                        invite.token(),
                        invite.conversationId(),
                        invite.createdBy(),
                        invite.createdAt(),
                        invite.expiresAt())
                .update();
    }

    Optional<Invite> invite(String token) {
        return jdbc.sql(
                        "SELECT token, conversation_id, created_by, created_at, expires_at, revoked_at FROM group_invites"
                                + " WHERE token = ?")
                .param(token)
                .query(Invite.class)
                .optional();
    }

    /** The group's invites that still work at {@code now}, newest first. */
    List<Invite> liveInvites(long conversationId, long now) {
        return jdbc.sql(
                        "SELECT token, conversation_id, created_by, created_at, expires_at, revoked_at FROM group_invites"
                                + " WHERE conversation_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC")
                .params(conversationId, now)
                .query(Invite.class)
                .list();
    }

    boolean revoke(long conversationId, String token, long now) {
        return jdbc.sql("UPDATE group_invites SET revoked_at = ? WHERE token = ? AND conversation_id = ?"
                                + " AND revoked_at IS NULL")
                        .params(now, token, conversationId)
                        .update()
                == 1;
    }
}
