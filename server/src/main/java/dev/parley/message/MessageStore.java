package dev.parley.message;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code messages} table. */
@Repository
class MessageStore {

    private static final String COLUMNS = "id, conversation_id, seq, sender_id, client_msg_id, kind, body, created_at";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    MessageStore(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    void insert(List<Message> messages) {
        var batch = messages.stream()
                .map(m -> new MapSqlParameterSource()
                        .addValue("id", m.id())
                        .addValue("conversation", m.conversationId())
                        .addValue("seq", m.seq())
                        .addValue("sender", m.senderId())
                        .addValue("clientMsgId", m.clientMsgId())
                        .addValue("kind", m.kind())
                        .addValue("body", m.body())
                        .addValue("at", m.createdAt()))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate(
                "INSERT INTO messages (" + COLUMNS + ") VALUES (:id, :conversation, :seq, :sender, :clientMsgId, :kind,"
                        + " :body, :at)",
                batch);
    }

    /** Messages already stored under any of these client ids (by any sender; the caller matches senders). */
    List<Message> byClientMsgIds(Collection<String> clientMsgIds) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE client_msg_id IN (:ids)")
                .param("ids", clientMsgIds)
                .query(Message.class)
                .list();
    }

    /** Up to {@code limit} messages with {@code after < seq < before}, ascending. */
    List<Message> range(long conversationId, long after, long before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND seq > ? AND seq < ?"
                        + " ORDER BY seq LIMIT ?")
                .params(conversationId, after, before, limit)
                .query(Message.class)
                .list();
    }

    /** The latest {@code limit} messages with {@code after < seq < before}, ascending. */
    List<Message> latest(long conversationId, long after, long before, int limit) {
        var newestFirst = jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND seq > ? AND"
                        + " seq < ? ORDER BY seq DESC LIMIT ?")
                .params(conversationId, after, before, limit)
                .query(Message.class)
                .list();
        return newestFirst.reversed();
    }
}
