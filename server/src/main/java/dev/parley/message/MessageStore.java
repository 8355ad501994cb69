package dev.parley.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code messages} table. */
@Repository
class MessageStore {

    private static final String COLUMNS =
            "id, conversation_id, seq, sender_id, client_msg_id, kind, body, media_id, media_width, media_height,"
                    + " created_at";
    private static final RowMapper<Message> MESSAGE = MessageStore::message;

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
                        .addValue(
                                "mediaId", m.media() == null ? null : m.media().id(), java.sql.Types.VARCHAR)
                        .addValue(
                                "mediaWidth",
                                m.media() == null ? null : m.media().width(),
                                java.sql.Types.INTEGER)
                        .addValue(
                                "mediaHeight",
                                m.media() == null ? null : m.media().height(),
                                java.sql.Types.INTEGER)
                        .addValue("at", m.createdAt()))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate(
                "INSERT INTO messages (" + COLUMNS + ") VALUES (:id, :conversation, :seq, :sender, :clientMsgId, :kind,"
                        + " :body, :mediaId, :mediaWidth, :mediaHeight, :at)",
                batch);
    }

    /** Messages already stored under any of these client ids (by any sender; the caller matches senders). */
    List<Message> byClientMsgIds(Collection<String> clientMsgIds) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE client_msg_id IN (:ids)")
                .param("ids", clientMsgIds)
                .query(MESSAGE)
                .list();
    }

    /** Up to {@code limit} messages with {@code after < seq < before}, ascending. */
    List<Message> range(long conversationId, long after, long before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND seq > ? AND seq < ?"
                        + " ORDER BY seq LIMIT ?")
                .params(conversationId, after, before, limit)
                .query(MESSAGE)
                .list();
    }

    /** The latest {@code limit} messages with {@code after < seq < before}, ascending. */
    List<Message> latest(long conversationId, long after, long before, int limit) {
        var newestFirst = jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND seq > ? AND"
                        + " seq < ? ORDER BY seq DESC LIMIT ?")
                .params(conversationId, after, before, limit)
                .query(MESSAGE)
                .list();
        return newestFirst.reversed();
    }

    /** The conversations an image was sent to. */
    List<Long> conversationsShowing(String mediaId) {
        return jdbc.sql("SELECT DISTINCT conversation_id FROM messages WHERE media_id = ?")
                .param(mediaId)
                .query(Long.class)
                .list();
    }

    private static Message message(ResultSet rs, int row) throws SQLException {
        var mediaId = rs.getString("media_id");
        var media = mediaId == null
                ? null
                : new Message.Media(mediaId, rs.getInt("media_width"), rs.getInt("media_height"));
        return new Message(
                rs.getLong("id"),
                rs.getLong("conversation_id"),
                rs.getLong("seq"),
                rs.getLong("sender_id"),
                rs.getString("client_msg_id"),
                rs.getString("kind"),
                rs.getString("body"),
                media,
                rs.getLong("created_at"));
    }
}
