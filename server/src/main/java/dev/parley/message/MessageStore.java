package dev.parley.message;

import dev.parley.media.MediaReferences;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code messages} and {@code hidden_messages} tables. */
@Repository
class MessageStore {

    private static final String COLUMNS =
            "m.id, m.conversation_id, m.seq, m.sender_id, m.client_msg_id, m.kind, m.body,"
                    + " m.media_id, m.media_width, m.media_height, m.reply_to_id, m.reply_to_seq, m.forwarded, m.mentions,"
                    + " m.created_at";
    /** Each message with whether the reader deleted it for themselves. */
    private static final String FOR_READER = "SELECT " + COLUMNS + ", h.message_id AS hidden FROM messages m"
            + " LEFT JOIN hidden_messages h ON h.user_id = :reader AND h.message_id = m.id";

    private static final String ALL = "all";
    private static final RowMapper<Message> MESSAGE = (rs, row) -> message(rs);
    private static final RowMapper<Message> AS_READ = (rs, row) -> {
        var message = message(rs);
        rs.getLong("hidden");
        return rs.wasNull() ? message : message.deletedForReader();
    };

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
                                "mediaId", m.media() == null ? null : m.media().id(), Types.VARCHAR)
                        .addValue(
                                "mediaWidth",
                                m.media() == null ? null : m.media().width(),
                                Types.INTEGER)
                        .addValue(
                                "mediaHeight",
                                m.media() == null ? null : m.media().height(),
                                Types.INTEGER)
                        .addValue(
                                "replyToId",
                                m.replyTo() == null ? null : m.replyTo().id(),
                                Types.BIGINT)
                        .addValue(
                                "replyToSeq",
                                m.replyTo() == null ? null : m.replyTo().seq(),
                                Types.BIGINT)
                        .addValue("forwarded", Boolean.TRUE.equals(m.forwarded()))
                        .addValue("mentions", mentions(m), Types.VARCHAR)
                        .addValue("at", m.createdAt()))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate("""
                INSERT INTO messages (id, conversation_id, seq, sender_id, client_msg_id, kind, body, media_id, media_width,
                                      media_height, reply_to_id, reply_to_seq, forwarded, mentions, created_at)
                VALUES (:id, :conversation, :seq, :sender, :clientMsgId, :kind, :body, :mediaId, :mediaWidth,
                        :mediaHeight, :replyToId, :replyToSeq, :forwarded, :mentions, :at)""", batch);
        var images = messages.stream()
                .filter(m -> m.media() != null)
                .map(m -> new MapSqlParameterSource()
                        .addValue("mediaId", m.media().id())
                        .addValue("id", m.id())
                        .addValue("conversation", m.conversationId()))
                .toArray(MapSqlParameterSource[]::new);
        if (images.length > 0) {
            named.batchUpdate(
                    "INSERT INTO image_messages (media_id, message_id, conversation_id)"
                            + " VALUES (:mediaId, :id, :conversation)",
                    images);
        }
    }

    /** Messages already stored under any of these client ids (by any sender; the caller matches senders). */
    List<Message> byClientMsgIds(Collection<String> clientMsgIds) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages m WHERE m.client_msg_id IN (:ids)")
                .param("ids", clientMsgIds)
                .query(MESSAGE)
                .list();
    }

    /** How many of these messages are stored. */
    int countByIds(Collection<Long> ids) {
        return jdbc.sql("SELECT COUNT(*) FROM messages WHERE id IN (:ids)")
                .param("ids", ids)
                .query(Integer.class)
                .single();
    }

    Optional<Message> byId(long messageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages m WHERE m.id = ?")
                .param(messageId)
                .query(MESSAGE)
                .optional();
    }

    Optional<Message> bySeq(long conversationId, long seq) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages m WHERE m.conversation_id = ? AND m.seq = ?")
                .params(conversationId, seq)
                .query(MESSAGE)
                .optional();
    }

    /** Up to {@code limit} messages with {@code after < seq < before}, ascending, as the reader sees them. */
    List<Message> range(long readerId, long conversationId, long after, long before, int limit) {
        return page(readerId, conversationId, after, before, limit, "ASC");
    }

    /** The latest {@code limit} messages with {@code after < seq < before}, ascending, as the reader sees them. */
    List<Message> latest(long readerId, long conversationId, long after, long before, int limit) {
        return page(readerId, conversationId, after, before, limit, "DESC").reversed();
    }

    private List<Message> page(
            long readerId, long conversationId, long after, long before, int limit, String direction) {
        return jdbc.sql(FOR_READER + " WHERE m.conversation_id = :conversation AND m.seq > :after AND m.seq < :before"
                        + " ORDER BY m.seq " + direction + " LIMIT :limit")
                .param("reader", readerId)
                .param("conversation", conversationId)
                .param("after", after)
                .param("before", before)
                .param("limit", limit)
                .query(AS_READ)
                .list();
    }

    /**
     * Texts and images (captions) in the conversations whose body matches the query, newest first, with ids below
     * {@code beforeId}; not those the reader deleted for themselves.
     *
     * @param condition the database's way to match {@code :q} against {@code m.body}
     */
    List<Message> search(
            long readerId, Collection<Long> conversationIds, String condition, String query, long beforeId, int limit) {
        return jdbc.sql(FOR_READER + " WHERE m.conversation_id IN (:conversations) AND m.kind IN ('text', 'image')"
                        + " AND h.message_id IS NULL AND m.id < :before AND " + condition
                        + " ORDER BY m.id DESC LIMIT :limit")
                .param("reader", readerId)
                .param("conversations", conversationIds)
                .param("q", query)
                .param("before", beforeId)
                .param("limit", limit)
                .query(AS_READ)
                .list();
    }

    /** Turns a text or image message into a tombstone; false if it is not one (any more). */
    boolean recall(long messageId, long now) {
        jdbc.sql(
                        "DELETE FROM image_messages WHERE message_id = ? AND media_id = (SELECT media_id FROM messages WHERE id = ?)")
                .params(messageId, messageId)
                .update();
        return jdbc.sql("""
                        UPDATE messages SET kind = 'recalled', body = '', media_id = NULL, media_width = NULL,
                               media_height = NULL, mentions = NULL, recalled_at = ?
                        WHERE id = ? AND kind IN ('text', 'image')""").params(now, messageId).update() == 1;
    }

    /** Hides a message from one reader; false if it already was. */
    boolean hide(long readerId, long messageId) {
        try {
            return jdbc.sql("INSERT INTO hidden_messages (user_id, message_id) VALUES (?, ?)")
                            .params(readerId, messageId)
                            .update()
                    == 1;
        } catch (DuplicateKeyException already) {
            return false;
        }
    }

    /** The conversations an image was sent to. */
    List<Long> conversationsShowing(String mediaId) {
        return jdbc.sql("SELECT DISTINCT conversation_id FROM image_messages WHERE media_id = ?")
                .param(mediaId)
                .query(Long.class)
                .list();
    }

    /** The images among these that a message shows. */
    Set<String> imagesShown(Collection<String> mediaIds) {
        return MediaReferences.foundIn(jdbc, "image_messages", "media_id", mediaIds);
    }

    private static @Nullable String mentions(Message m) {
        var parts = new StringBuilder(Boolean.TRUE.equals(m.mentionAll()) ? ALL : "");
        if (m.mentions() != null) {
            for (long id : m.mentions()) {
                parts.append(parts.isEmpty() ? "" : ",").append(id);
            }
        }
        return parts.isEmpty() ? null : parts.toString();
    }

    private static Message message(ResultSet rs) throws SQLException {
        var mediaId = rs.getString("media_id");
        var media = mediaId == null
                ? null
                : new Message.Media(mediaId, rs.getInt("media_width"), rs.getInt("media_height"));
        long replyToId = rs.getLong("reply_to_id");
        var replyTo = rs.wasNull() ? null : new Message.Reply(replyToId, rs.getLong("reply_to_seq"));
        var mentioned = rs.getString("mentions");
        List<Long> mentions = null;
        Boolean mentionAll = null;
        if (mentioned != null) {
            var parts = Arrays.asList(mentioned.split(","));
            mentionAll = parts.contains(ALL) ? true : null;
            var ids = parts.stream()
                    .filter(part -> !part.equals(ALL))
                    .map(Long::valueOf)
                    .toList();
            mentions = ids.isEmpty() ? null : ids;
        }
        return new Message(
                rs.getLong("id"),
                rs.getLong("conversation_id"),
                rs.getLong("seq"),
                rs.getLong("sender_id"),
                rs.getString("client_msg_id"),
                rs.getString("kind"),
                rs.getString("body"),
                media,
                replyTo,
                rs.getBoolean("forwarded") ? true : null,
                mentions,
                mentionAll,
                rs.getLong("created_at"));
    }
}
