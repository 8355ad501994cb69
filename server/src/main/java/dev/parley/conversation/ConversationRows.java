package dev.parley.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.media.MediaReferences;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code conversations}, {@code conversation_heads}, {@code members} and {@code member_cursors} tables. What is
 * written for every message or receipt is apart from what changes rarely, in narrow tables with no index but their
 * key (db/migration/standard/V11 and V12): a conversation's last seq and last message in {@code conversation_heads},
 * a member's read and delivered cursors in {@code member_cursors}.
 */
@Repository
class ConversationRows {

    static final String DIRECT = "direct";
    static final String GROUP = "group";

    /**
     * One member's row, with the conversation's last seq.
     *
     * @param leftSeq null while the user is a member; once they left or were removed, the last seq they may read
     */
    record Membership(
            long readSeq,
            long deliveredSeq,
            long clearedSeq,
            long joinedSeq,
            @Nullable Long leftSeq,
            String role,
            long lastSeq) {

        /** Messages at or below this seq are hidden from the member. */
        long floor() {
            return Math.max(clearedSeq, joinedSeq);
        }

        /** The last seq the member may read. */
        long ceiling() {
            return leftSeq == null ? lastSeq : Math.min(lastSeq, leftSeq);
        }
    }

    /** A member's read progress, for read counts. */
    record Reader(long userId, long readSeq, long joinedSeq) {}

    /**
     * A member's read (or delivered) cursor as it stands: the row's, or the conversation's last seq if they sent its
     * last message. An append moves a sender's cursor to their own message implicitly, by naming them the last sender,
     * and writes it to their row only when someone else sends after them ({@link Conversations#appendInTransaction}):
     * a run of messages from one sender changes no member row.
     */
    private static String cursor(String member, String column) {
        return "CASE WHEN h.last_sender_id = %1$s.user_id AND h.last_seq > %1$s.%2$s THEN h.last_seq ELSE %1$s.%2$s END"
                .formatted(member, column);
    }

    private static final String SUMMARY_SELECT =
            """
            SELECT c.id, c.kind, c.title, c.avatar_id, c.created_at, h.last_seq, h.last_message_id, h.last_sender_id,
                   h.last_kind, h.last_preview, h.last_message_at, %s AS read_seq, m.cleared_seq, m.joined_seq,
                   m.left_seq, m.role, m.mention_seq, m.pinned_at, m.muted, m.hidden_seq,
                   p.user_id AS peer_id, %s AS peer_read_seq, %s AS peer_delivered_seq
            FROM members m
            JOIN conversations c ON c.id = m.conversation_id
            JOIN conversation_heads h ON h.conversation_id = m.conversation_id
            JOIN member_cursors mc ON mc.conversation_id = m.conversation_id AND mc.user_id = m.user_id
            LEFT JOIN member_cursors p ON p.conversation_id = c.id AND p.user_id <> m.user_id AND c.kind = 'direct'
            WHERE m.user_id = :user""".formatted(cursor("mc", "read_seq"), cursor("p", "read_seq"), cursor("p", "delivered_seq"));

    private static final String MEMBERSHIP_SELECT =
            """
            SELECT %s AS read_seq, %s AS delivered_seq, m.cleared_seq, m.joined_seq, m.left_seq, m.role, h.last_seq
            FROM members m JOIN conversation_heads h ON h.conversation_id = m.conversation_id
            JOIN member_cursors mc ON mc.conversation_id = m.conversation_id AND mc.user_id = m.user_id
            WHERE m.conversation_id = ? AND m.user_id = ?""".formatted(cursor("mc", "read_seq"), cursor("mc", "delivered_seq"));

    private static final String READERS_SELECT = """
            SELECT m.user_id, %s AS read_seq, m.joined_seq
            FROM members m JOIN conversation_heads h ON h.conversation_id = m.conversation_id
            JOIN member_cursors mc ON mc.conversation_id = m.conversation_id AND mc.user_id = m.user_id
            WHERE m.conversation_id = ? AND m.left_seq IS NULL ORDER BY m.user_id""".formatted(cursor("mc", "read_seq"));

    /** Sets a conversation's last seq to {@code :next} and its last message; the caller adds which rows. */
    private static final String UPDATE_HEAD = "UPDATE conversation_heads SET last_seq = :next,"
            + " last_message_id = :messageId, last_sender_id = :senderId, last_kind = :kind, last_preview = :preview,"
            + " last_message_at = :at";

    /** A conversation's last seq and who sent the message at it ({@code senderId} 0 before the first message). */
    record Last(long seq, long senderId) {}

    /** An append's outcome for one conversation: its new last seq, and the last message before the append. */
    record Advance(long lastSeq, Last previous) {}

    /**
     * Each conversation's last seq and sender as this node's last committed append left them: recorded after the
     * commit, so never ahead of the database, and behind it while another node appends. A hint for {@link
     * #advanceSeqs}, never trusted without the database agreeing; and the last message a cursor may move to without
     * asking the database ({@link Conversations#advanceWithoutBlocking}).
     */
    private final Cache<Long, Last> lastHints =
            Caffeine.newBuilder().maximumSize(200_000).build();

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

    void insertConversation(
            long id,
            String kind,
            @Nullable String directKey,
            @Nullable String title,
            @Nullable String avatarId,
            long now) {
        jdbc.sql(
                        "INSERT INTO conversations (id, kind, direct_key, title, avatar_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, kind, directKey, title, avatarId, now)
                .update();
        jdbc.sql("INSERT INTO conversation_heads (conversation_id) VALUES (?)")
                .param(id)
                .update();
    }

    void insertMember(long conversationId, long userId) {
        jdbc.sql("INSERT INTO members (conversation_id, user_id) VALUES (?, ?)")
                .params(conversationId, userId)
                .update();
        jdbc.sql("INSERT INTO member_cursors (conversation_id, user_id) VALUES (?, ?)")
                .params(conversationId, userId)
                .update();
    }

    /**
     * Makes the user a member with the role, starting their history after {@code joinedSeq}: a new row, or the row
     * of a former member, whose earlier cursors no longer apply.
     */
    void join(long conversationId, long userId, String role, long joinedSeq) {
        var rejoin = "UPDATE members SET role = ?, joined_seq = ?, cleared_seq = 0, mention_seq = 0, left_seq = NULL,"
                + " hidden_seq = NULL WHERE conversation_id = ? AND user_id = ?";
        if (jdbc.sql(rejoin).params(role, joinedSeq, conversationId, userId).update() == 0) {
            jdbc.sql("INSERT INTO members (conversation_id, user_id, role, joined_seq) VALUES (?, ?, ?, ?)")
                    .params(conversationId, userId, role, joinedSeq)
                    .update();
            jdbc.sql("INSERT INTO member_cursors (conversation_id, user_id, read_seq, delivered_seq)"
                            + " VALUES (?, ?, ?, ?)")
                    .params(conversationId, userId, joinedSeq, joinedSeq)
                    .update();
        } else {
            jdbc.sql("UPDATE member_cursors SET read_seq = ?, delivered_seq = ?"
                            + " WHERE conversation_id = ? AND user_id = ?")
                    .params(joinedSeq, joinedSeq, conversationId, userId)
                    .update();
        }
    }

    /** Ends the user's membership; they may still read up to leftSeq. */
    int leave(long conversationId, long userId, long leftSeq) {
        return jdbc.sql("UPDATE members SET left_seq = ?, role = 'member' WHERE conversation_id = ? AND user_id = ?"
                        + " AND left_seq IS NULL")
                .params(leftSeq, conversationId, userId)
                .update();
    }

    /** Ends every membership; the former members may still read up to leftSeq. */
    void leaveAll(long conversationId, long leftSeq) {
        jdbc.sql("UPDATE members SET left_seq = ? WHERE conversation_id = ? AND left_seq IS NULL")
                .params(leftSeq, conversationId)
                .update();
    }

    void setRole(long conversationId, long userId, String role) {
        jdbc.sql("UPDATE members SET role = ? WHERE conversation_id = ? AND user_id = ? AND left_seq IS NULL")
                .params(role, conversationId, userId)
                .update();
    }

    void setLook(long conversationId, @Nullable String title, @Nullable String avatarId) {
        jdbc.sql("UPDATE conversations SET title = ?, avatar_id = ? WHERE id = ?")
                .params(title, avatarId, conversationId)
                .update();
    }

    /** The active members (user id and role), by user id. */
    List<Map.Entry<Long, String>> roster(long conversationId) {
        return jdbc.sql("SELECT user_id, role FROM members WHERE conversation_id = ? AND left_seq IS NULL"
                        + " ORDER BY user_id")
                .param(conversationId)
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list();
    }

    /** The avatars among these uploads that a conversation (a group) shows. */
    Set<String> avatarsAmong(Collection<String> mediaIds) {
        return MediaReferences.foundIn(jdbc, "conversations", "avatar_id", mediaIds);
    }

    Optional<Conversations.Look> look(long conversationId) {
        return jdbc.sql("SELECT kind, title, avatar_id FROM conversations WHERE id = ?")
                .param(conversationId)
                .query(Conversations.Look.class)
                .optional();
    }

    Optional<Membership> membership(long conversationId, long userId) {
        return jdbc.sql(MEMBERSHIP_SELECT)
                .params(conversationId, userId)
                .query((rs, row) -> new Membership(
                        rs.getLong("read_seq"),
                        rs.getLong("delivered_seq"),
                        rs.getLong("cleared_seq"),
                        rs.getLong("joined_seq"),
                        rs.getObject("left_seq", Long.class),
                        rs.getString("role"),
                        rs.getLong("last_seq")))
                .optional();
    }

    /** Every conversation the user is or was in, with what they may read of it. */
    List<Conversations.Visible> visible(long userId) {
        return jdbc.sql("""
                SELECT conversation_id, cleared_seq, joined_seq, left_seq FROM members WHERE user_id = ?""")
                .param(userId)
                .query((rs, row) -> {
                    var left = rs.getObject("left_seq", Long.class);
                    return new Conversations.Visible(
                            rs.getLong("conversation_id"),
                            Math.max(rs.getLong("cleared_seq"), rs.getLong("joined_seq")),
                            left == null ? Long.MAX_VALUE : left);
                })
                .list();
    }

    List<Long> activeGroupsOf(long userId) {
        return jdbc.sql("""
                SELECT m.conversation_id FROM members m JOIN conversations c ON c.id = m.conversation_id
                WHERE m.user_id = ? AND m.left_seq IS NULL AND c.kind = 'group'""").param(userId).query(Long.class).list();
    }

    List<Reader> readers(long conversationId) {
        return jdbc.sql(READERS_SELECT)
                .param(conversationId)
                .query(Reader.class)
                .list();
    }

    List<ConversationSummary> summaries(long userId) {
        return jdbc
                .sql(SUMMARY_SELECT + " ORDER BY CASE WHEN m.pinned_at IS NULL THEN 1 ELSE 0 END,"
                        + " COALESCE(h.last_message_at, c.created_at) DESC, c.id DESC")
                .param("user", userId)
                .query((rs, row) -> listed(rs))
                .list()
                .stream()
                .filter(listed -> !listed.deleted())
                .map(Listed::summary)
                .toList();
    }

    Optional<ConversationSummary> summary(long conversationId, long userId) {
        return jdbc.sql(SUMMARY_SELECT + " AND c.id = :conversation")
                .param("user", userId)
                .param("conversation", conversationId)
                .query((rs, row) -> summary(rs))
                .optional();
    }

    /** Moves each member's cursor forward to the move's seq (never back), in the moves' order; returns which moved. */
    boolean[] advanceCursors(List<CursorWriter.Move> moves) {
        var moved = new boolean[moves.size()];
        for (var cursor : CursorMoved.Cursor.values()) {
            int[] indexes = IntStream.range(0, moves.size())
                    .filter(i -> moves.get(i).cursor() == cursor)
                    .toArray();
            if (indexes.length == 0) {
                continue;
            }
            // the column is one of two constants, never user input
            var column = cursor == CursorMoved.Cursor.READ ? "read_seq" : "delivered_seq";
            int[] counts = named.batchUpdate(
                    """
                    UPDATE member_cursors SET %1$s = :seq
                    WHERE conversation_id = :conversation AND user_id = :user AND %1$s < :seq""".formatted(column),
                    Arrays.stream(indexes)
                            .mapToObj(i -> new MapSqlParameterSource()
                                    .addValue("seq", moves.get(i).seq())
                                    .addValue("conversation", moves.get(i).conversationId())
                                    .addValue("user", moves.get(i).userId()))
                            .toArray(MapSqlParameterSource[]::new));
            for (int j = 0; j < counts.length; j++) {
                moved[indexes[j]] = counts[j] > 0 || counts[j] == Statement.SUCCESS_NO_INFO;
            }
        }
        return moved;
    }

    /** The member's read or delivered cursor as it stands ({@link #cursor(String, String)}); 0 for no such member. */
    long cursor(long conversationId, long userId, CursorMoved.Cursor cursor) {
        return membership(conversationId, userId)
                .map(m -> cursor == CursorMoved.Cursor.READ ? m.readSeq() : m.deliveredSeq())
                .orElse(0L);
    }

    /** Sets one of the member's own settings; column and value are chosen by the caller, never user input. */
    boolean setOwn(long conversationId, long userId, String column, @Nullable Object value) {
        return jdbc.sql("UPDATE members SET " + column + " = ? WHERE conversation_id = ? AND user_id = ?")
                        .params(value, conversationId, userId)
                        .update()
                == 1;
    }

    /** Hides history up to seq from the member (never un-hides); with hide, also takes the conversation off their list. */
    void clear(long conversationId, long userId, long seq, boolean hide) {
        var cleared = "cleared_seq = CASE WHEN cleared_seq < :seq THEN :seq ELSE cleared_seq END";
        named.update(
                "UPDATE members SET " + cleared + (hide ? ", hidden_seq = :seq" : "")
                        + " WHERE conversation_id = :conversation AND user_id = :user",
                new MapSqlParameterSource()
                        .addValue("seq", seq)
                        .addValue("conversation", conversationId)
                        .addValue("user", userId));
    }

    /**
     * Adds {@code count} to each conversation's last_seq and records its latest message; returns each conversation's
     * new last seq and its last message before.
     *
     * <p>Where this node knows a conversation's last seq and sender from its previous append, the update names them
     * ({@code WHERE last_seq = :expected AND last_sender_id = :expectedSender}) and its row count says whether they
     * held, which saves reading them first. Where the hint is missing or stale (another node appended meanwhile), the
     * rows are read and locked first ({@code FOR UPDATE}, in id order), and the update names what they hold. The
     * unique index on (conversation_id, seq) stands behind both.
     */
    Map<Long, Advance> advanceSeqs(List<Conversations.Appended> appended) {
        var result = new HashMap<Long, Advance>();
        var hints = new HashMap<Long, Last>();
        for (var a : appended) {
            var hint = lastHints.getIfPresent(a.conversationId());
            if (hint != null) {
                hints.put(a.conversationId(), hint);
            }
        }
        advance(
                appended.stream()
                        .filter(a -> hints.containsKey(a.conversationId()))
                        .toList(),
                hints,
                result);
        var rest = appended.stream()
                .filter(a -> !result.containsKey(a.conversationId()))
                .toList();
        if (!rest.isEmpty()) {
            var held = lock(
                    rest.stream().map(Conversations.Appended::conversationId).toList());
            advance(rest, held, result);
            for (var a : rest) {
                if (!result.containsKey(a.conversationId())) {
                    throw new IllegalStateException("conversation " + a.conversationId() + " could not be appended to");
                }
            }
        }
        var lasts = new HashMap<Long, Last>();
        for (var a : appended) {
            lasts.put(
                    a.conversationId(), new Last(result.get(a.conversationId()).lastSeq(), a.lastSenderId()));
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                lasts.forEach((id, last) ->
                        lastHints.asMap().merge(id, last, (was, now) -> now.seq() >= was.seq() ? now : was));
            }
        });
        return result;
    }

    /** The conversation's last message as this node last committed one to it ({@link #lastHints}); null if none. */
    @Nullable
    Last committedLast(long conversationId) {
        return lastHints.getIfPresent(conversationId);
    }

    /** Appends to each conversation whose row still holds the expected last message; adds those to the result. */
    private void advance(List<Conversations.Appended> appended, Map<Long, Last> expected, Map<Long, Advance> result) {
        if (appended.isEmpty()) {
            return;
        }
        int[] counts = named.batchUpdate(
                UPDATE_HEAD + " WHERE conversation_id = :id AND last_seq = :expected"
                        + " AND COALESCE(last_sender_id, 0) = :expectedSender",
                appended.stream()
                        .map(a -> {
                            var before = expected.get(a.conversationId());
                            return head(a, before.seq() + a.count())
                                    .addValue("expected", before.seq())
                                    .addValue("expectedSender", before.senderId());
                        })
                        .toArray(MapSqlParameterSource[]::new));
        boolean told = Arrays.stream(counts).allMatch(count -> count == 0 || count == 1);
        var held = told ? Map.<Long, Last>of() : lasts(expected.keySet(), ""); // a driver may not count rows
        for (int i = 0; i < appended.size(); i++) {
            var a = appended.get(i);
            var before = expected.get(a.conversationId());
            var after = new Last(before.seq() + a.count(), a.lastSenderId());
            if (told ? counts[i] == 1 : after.equals(held.get(a.conversationId()))) {
                result.put(a.conversationId(), new Advance(after.seq(), before));
            }
        }
    }

    /** The conversations' last messages, their rows locked until the transaction ends. */
    private Map<Long, Last> lock(List<Long> ids) {
        return lasts(ids, " ORDER BY conversation_id FOR UPDATE");
    }

    private Map<Long, Last> lasts(Collection<Long> ids, String suffix) {
        return jdbc
                .sql("SELECT conversation_id, last_seq, COALESCE(last_sender_id, 0) FROM conversation_heads"
                        + " WHERE conversation_id IN (:ids)" + suffix)
                .param("ids", ids)
                .query((rs, row) -> Map.entry(rs.getLong(1), new Last(rs.getLong(2), rs.getLong(3))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Sets each conversation's last message where its last seq is below the one given. */
    void replayHeads(Collection<Conversations.Appended> appended, Map<Long, Long> lastSeqs) {
        named.batchUpdate(
                UPDATE_HEAD + " WHERE conversation_id = :id AND last_seq < :next",
                appended.stream()
                        .map(a -> head(a, lastSeqs.get(a.conversationId())))
                        .toArray(MapSqlParameterSource[]::new));
    }

    /** The parameters of {@link #UPDATE_HEAD} for an append that ends at {@code next}. */
    private static MapSqlParameterSource head(Conversations.Appended a, long next) {
        return new MapSqlParameterSource()
                .addValue("id", a.conversationId())
                .addValue("messageId", a.lastMessageId())
                .addValue("senderId", a.lastSenderId())
                .addValue("kind", a.lastKind())
                .addValue("preview", a.lastPreview())
                .addValue("at", a.at())
                .addValue("next", next);
    }

    void readBySenders(Collection<Conversations.SenderRead> reads) {
        var batch = reads.stream()
                .map(r -> new MapSqlParameterSource()
                        .addValue("conversation", r.conversationId())
                        .addValue("user", r.userId())
                        .addValue("seq", r.seq()))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate("""
                UPDATE member_cursors
                SET read_seq = :seq, delivered_seq = CASE WHEN delivered_seq < :seq THEN :seq ELSE delivered_seq END
                WHERE conversation_id = :conversation AND user_id = :user AND read_seq < :seq""", batch);
    }

    /** Records that the users (or, with null, every member but the sender) were mentioned at seq. */
    void mention(long conversationId, long senderId, @Nullable Collection<Long> userIds, long seq) {
        var sql = "UPDATE members SET mention_seq = :seq WHERE conversation_id = :conversation AND left_seq IS NULL"
                + " AND user_id <> :sender" + (userIds == null ? "" : " AND user_id IN (:users)");
        var params = new MapSqlParameterSource()
                .addValue("seq", seq)
                .addValue("conversation", conversationId)
                .addValue("sender", senderId)
                .addValue("users", userIds);
        named.update(sql, params);
    }

    /** A summary, and whether the member deleted the conversation from their list with nothing new since. */
    private record Listed(ConversationSummary summary, boolean deleted) {}

    private static Listed listed(ResultSet rs) throws SQLException {
        var summary = summary(rs);
        var hiddenSeq = rs.getObject("hidden_seq", Long.class);
        return new Listed(summary, hiddenSeq != null && summary.lastSeq() <= hiddenSeq);
    }

    /** The summary as the member sees it. */
    private static ConversationSummary summary(ResultSet rs) throws SQLException {
        var membership = new Membership(
                rs.getLong("read_seq"),
                0,
                rs.getLong("cleared_seq"),
                rs.getLong("joined_seq"),
                rs.getObject("left_seq", Long.class),
                rs.getString("role"),
                rs.getLong("last_seq"));
        long lastSeq = membership.ceiling();
        long floor = membership.floor();
        long readSeq = Math.max(membership.readSeq(), floor);
        ConversationSummary.LastMessage last = null;
        long lastMessageId = rs.getLong("last_message_id");
        if (!rs.wasNull() && membership.lastSeq() > floor && membership.lastSeq() == lastSeq) {
            last = new ConversationSummary.LastMessage(
                    lastMessageId,
                    lastSeq,
                    rs.getLong("last_sender_id"),
                    rs.getString("last_kind"),
                    rs.getString("last_preview"),
                    rs.getLong("last_message_at"));
        }
        Long peerId = rs.getObject("peer_id", Long.class);
        boolean group = GROUP.equals(rs.getString("kind"));
        return new ConversationSummary(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("title"),
                rs.getString("avatar_id"),
                group ? membership.role() : null,
                membership.leftSeq() == null,
                lastSeq,
                readSeq,
                floor,
                Math.max(0, lastSeq - readSeq),
                rs.getLong("mention_seq") > readSeq,
                rs.getObject("pinned_at", Long.class) != null,
                rs.getBoolean("muted"),
                peerId,
                peerId == null ? null : rs.getLong("peer_read_seq"),
                peerId == null ? null : rs.getLong("peer_delivered_seq"),
                last,
                rs.getLong("created_at"));
    }
}
