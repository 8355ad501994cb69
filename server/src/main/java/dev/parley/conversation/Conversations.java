package dev.parley.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.parley.shared.Ids;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The conversation feature's API: finds or opens direct conversations, answers who is a member
 * (from a cache, so that fan-out costs no query per message), moves members' cursors and lists a
 * user's conversations.
 */
@Service
public class Conversations {

    /** Messages appended to one conversation in one write, with the latest of them for the list preview. */
    public record Appended(
            long conversationId,
            int count,
            long lastMessageId,
            long lastSenderId,
            String lastKind,
            String lastPreview,
            long at) {}

    /** A sender has read their own conversation up to the message they just sent. */
    public record SenderRead(long conversationId, long userId, long seq) {}

    private final ConversationRows rows;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;
    private final LoadingCache<Long, long[]> members;
    private final Cache<String, Long> directByKey;
    private final LoadingCache<Long, String> kinds;

    Conversations(
            ConversationRows rows,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Ids ids,
            Clock clock) {
        this.rows = rows;
        this.transactions = transactions;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.members = Caffeine.newBuilder().maximumSize(200_000).build(this::loadMembers);
        this.directByKey = Caffeine.newBuilder().maximumSize(200_000).build();
        this.kinds = Caffeine.newBuilder()
                .maximumSize(200_000)
                .build(id -> rows.kind(id).orElseThrow(ConversationRefusals.UnknownConversation::new));
    }

    /** The direct conversation of two different users, opened on first use. Both users must exist. */
    public long direct(long userId, long peerId) {
        if (userId == peerId) {
            throw new ConversationRefusals.InvalidPeer();
        }
        var key = Math.min(userId, peerId) + ":" + Math.max(userId, peerId);
        var cached = directByKey.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long id = rows.directByKey(key).orElseGet(() -> open(key, userId, peerId));
        directByKey.put(key, id);
        return id;
    }

    private long open(String key, long userId, long peerId) {
        try {
            return transactions.execute(status -> {
                long id = ids.next();
                rows.insertConversation(id, ConversationRows.DIRECT, key, clock.millis());
                rows.insertMember(id, userId);
                rows.insertMember(id, peerId);
                return id;
            });
        } catch (DuplicateKeyException raced) {
            return rows.directByKey(key).orElseThrow(() -> raced);
        }
    }

    /** The members' user ids, sorted. */
    public long[] members(long conversationId) {
        return members.get(conversationId);
    }

    public boolean isMember(long conversationId, long userId) {
        for (long member : members(conversationId)) {
            if (member == userId) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a direct conversation of which the user is a member, the other member; empty for any other
     * conversation. A conversation's kind never changes, so the answer is cached.
     *
     * @throws ConversationRefusals.UnknownConversation if there is no such conversation
     */
    public java.util.OptionalLong directPeer(long conversationId, long userId) {
        if (!ConversationRows.DIRECT.equals(kinds.get(conversationId))) {
            return java.util.OptionalLong.empty();
        }
        for (long member : members(conversationId)) {
            if (member != userId) {
                return java.util.OptionalLong.of(member);
            }
        }
        return java.util.OptionalLong.empty();
    }

    /**
     * @throws ConversationRefusals.UnknownConversation if there is no such conversation
     * @throws ConversationRefusals.NotAMember if the user is not a member
     */
    public void requireMember(long conversationId, long userId) {
        if (!isMember(conversationId, userId)) {
            throw new ConversationRefusals.NotAMember();
        }
    }

    /** Where the member's history starts: messages at or below this seq are hidden from them. */
    public long historyFloor(long conversationId, long userId) {
        return rows.membership(conversationId, userId)
                .orElseThrow(ConversationRefusals.NotAMember::new)
                .clearedSeq();
    }

    public List<ConversationSummary> list(long userId) {
        return rows.summaries(userId);
    }

    public ConversationSummary summary(long conversationId, long userId) {
        requireMember(conversationId, userId);
        return rows.summary(conversationId, userId).orElseThrow(ConversationRefusals.NotAMember::new);
    }

    /** Moves the member's read cursor forward (never back, never past the last message). Returns the cursor. */
    public long markRead(long conversationId, long userId, long seq) {
        return advance(conversationId, userId, seq, CursorMoved.Cursor.READ);
    }

    /** Moves the member's delivered cursor forward (never back, never past the last message). Returns the cursor. */
    public long markDelivered(long conversationId, long userId, long seq) {
        return advance(conversationId, userId, seq, CursorMoved.Cursor.DELIVERED);
    }

    private long advance(long conversationId, long userId, long seq, CursorMoved.Cursor cursor) {
        requireMember(conversationId, userId);
        var membership = rows.membership(conversationId, userId).orElseThrow(ConversationRefusals.NotAMember::new);
        long target = Math.min(seq, membership.lastSeq());
        var column = cursor == CursorMoved.Cursor.READ ? "read_seq" : "delivered_seq";
        long current = cursor == CursorMoved.Cursor.READ ? membership.readSeq() : membership.deliveredSeq();
        if (target > current && rows.advanceCursor(column, conversationId, userId, target)) {
            events.publishEvent(new CursorMoved(conversationId, userId, cursor, target));
            return target;
        }
        return current;
    }

    /**
     * Reserves the next {@code count} seqs of each conversation and records its latest message.
     * Must run inside the caller's transaction, which holds the conversations' rows locked until it
     * ends: that is what makes seqs gap-free and unique across writers and nodes.
     *
     * @return each conversation's new last seq; the reserved range is {@code (last - count, last]}
     */
    public Map<Long, Long> appendInTransaction(Collection<Appended> appended) {
        var sorted = appended.stream()
                .sorted(java.util.Comparator.comparingLong(Appended::conversationId))
                .toList();
        return rows.advanceSeqs(sorted);
    }

    /** Moves senders' read cursors to their own new messages. Must run inside the caller's transaction. */
    public void readBySendersInTransaction(Collection<SenderRead> reads) {
        rows.readBySenders(reads);
    }

    private long[] loadMembers(Long conversationId) {
        var ids = rows.memberIds(conversationId);
        if (ids.isEmpty()) {
            throw new ConversationRefusals.UnknownConversation();
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
