package dev.parley.conversation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code conversations} and {@code members} tables. */
@Repository
class ConversationRows {

    static final String DIRECT = "direct";

    record Membership(long readSeq, long deliveredSeq, long clearedSeq, long lastSeq) {}

    private static final String SUMMARY_SELECT = """
            SELECT c.id, c.kind, c.created_at, c.last_seq, c.last_message_id, c.last_sender_id, c.last_kind,
                   c.last_preview, c.last_message_at, m.read_seq, m.cleared_seq,
                   p.user_id AS peer_id, p.read_seq AS peer_read_seq, p.delivered_seq AS peer_delivered_seq
            FROM members m
            JOIN conversations c ON c.id = m.conversation_id
            LEFT JOIN members p ON p.conversation_id = c.id AND p.user_id <> m.user_id AND c.kind = 'direct'
            WHERE m.user_id = :user""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    ConversationRows(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    Optional<Long> directByKey(String key) {
        return jdbc.sql("SELECT id FROM conversations WHERE direct_key = ?")
                .param(key)
                .query(Long.class)
                .optional();
    }

    void insertConversation(long id, String kind, String directKey, long now) {
        jdbc.sql("INSERT INTO conversations (id, kind, direct_key, created_at) VALUES (?, ?, ?, ?)")
                .params(id, kind, directKey, now)
                .update();
    }

    void insertMember(long conversationId, long userId) {
        jdbc.sql("INSERT INTO members (conversation_id, user_id) VALUES (?, ?)")
                .params(conversationId, userId)
                .update();
    }

    List<Long> memberIds(long conversationId) {
        return jdbc.sql("SELECT user_id FROM members WHERE conversation_id = ? ORDER BY user_id")
                .param(conversationId)
                .query(Long.class)
                .list();
    }

    Optional<String> kind(long conversationId) {
        return jdbc.sql("SELECT kind FROM conversations WHERE id = ?")
                .param(conversationId)
                .query(String.class)
                .optional();
    }

    boolean exists(long conversationId) {
        return jdbc.sql("SELECT COUNT(*) FROM conversations WHERE id = ?")
                        .param(conversationId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<Membership> membership(long conversationId, long userId) {
        return jdbc.sql("""
                SELECT m.read_seq, m.delivered_seq, m.cleared_seq, c.last_seq
                FROM members m JOIN conversations c ON c.id = m.conversation_id
                WHERE m.conversation_id = ? AND m.user_id = ?""")
                .params(conversationId, userId)
                .query(Membership.class)
                .optional();
    }

    List<ConversationSummary> summaries(long userId) {
        return jdbc.sql(SUMMARY_SELECT + " ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC")
                .param("user", userId)
                .query((rs, row) -> summary(rs))
                .list();
    }

    Optional<ConversationSummary> summary(long conversationId, long userId) {
        return jdbc.sql(SUMMARY_SELECT + " AND c.id = :conversation")
                .param("user", userId)
                .param("conversation", conversationId)
                .query((rs, row) -> summary(rs))
                .optional();
    }

    /** Moves a cursor forward only; true if it moved. */
    boolean advanceCursor(String column, long conversationId, long userId, long seq) {
        // column is one of two constants chosen by the caller, never user input
        return jdbc.sql("UPDATE members SET " + column + " = ? WHERE conversation_id = ? AND user_id = ? AND " + column
                                + " < ?")
                        .params(seq, conversationId, userId, seq)
                        .update()
                == 1;
    }

    /** Adds {@code count} to each conversation's last_seq and records its latest message; returns the new last_seq. */
    Map<Long, Long> advanceSeqs(Collection<Conversations.Appended> appended) {
        var batch = appended.stream()
                .map(a -> new MapSqlParameterSource()
                        .addValue("id", a.conversationId())
                        .addValue("count", a.count())
                        .addValue("messageId", a.lastMessageId())
                        .addValue("senderId", a.lastSenderId())
                        .addValue("kind", a.lastKind())
                        .addValue("preview", a.lastPreview())
                        .addValue("at", a.at()))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate("""
                UPDATE conversations SET last_seq = last_seq + :count, last_message_id = :messageId,
                       last_sender_id = :senderId, last_kind = :kind, last_preview = :preview, last_message_at = :at
                WHERE id = :id""", batch);
        var ids = appended.stream().map(Conversations.Appended::conversationId).toList();
        return jdbc
                .sql("SELECT id, last_seq FROM conversations WHERE id IN (:ids)")
                .param("ids", ids)
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    void readBySenders(Collection<Conversations.SenderRead> reads) {
        var batch = reads.stream()
                .map(r -> new MapSqlParameterSource()
                        .addValue("conversation", r.conversationId())
                        .addValue("user", r.userId())
                        .addValue("seq", r.seq()))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate("""
                UPDATE members SET read_seq = :seq, delivered_seq = CASE WHEN delivered_seq < :seq THEN :seq ELSE delivered_seq END
                WHERE conversation_id = :conversation AND user_id = :user AND read_seq < :seq""", batch);
    }

    private static ConversationSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        long lastSeq = rs.getLong("last_seq");
        long readSeq = rs.getLong("read_seq");
        long clearedSeq = rs.getLong("cleared_seq");
        ConversationSummary.LastMessage last = null;
        long lastMessageId = rs.getLong("last_message_id");
        if (!rs.wasNull() && lastSeq > clearedSeq) {
            last = new ConversationSummary.LastMessage(
                    lastMessageId,
                    lastSeq,
                    rs.getLong("last_sender_id"),
                    rs.getString("last_kind"),
                    rs.getString("last_preview"),
                    rs.getLong("last_message_at"));
        }
        Long peerId = rs.getObject("peer_id", Long.class);
        return new ConversationSummary(
                rs.getLong("id"),
                rs.getString("kind"),
                lastSeq,
                readSeq,
                clearedSeq,
                Math.max(0, lastSeq - Math.max(readSeq, clearedSeq)),
                peerId,
                peerId == null ? null : rs.getLong("peer_read_seq"),
                peerId == null ? null : rs.getLong("peer_delivered_seq"),
                last,
                rs.getLong("created_at"));
    }
}
