package dev.parley.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.parley.media.MediaReferences;
import dev.parley.shared.Ids;
import dev.parley.shared.Notice;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The conversation feature's API: finds or opens direct conversations, opens groups and changes their
 * membership (for the group feature, inside its transactions), answers who is a member and with which
 * role (from a cache, so that fan-out costs no query per message), moves members' cursors, keeps each
 * member's own settings (pinned, muted, cleared, deleted) and lists a user's conversations. The avatars that groups
 * show keep their uploads ({@link MediaReferences}).
 */
@Service
public class Conversations implements MediaReferences {

    /**
     * Messages appended to one conversation in one write, with the latest of them for the list preview.
     *
     * @param senderIds who sent each message, in the order of their seqs
     */
    public record Appended(
            long conversationId, long[] senderIds, long lastMessageId, String lastKind, String lastPreview, long at) {

        public int count() {
            return senderIds.length;
        }

        public long lastSenderId() {
            return senderIds[senderIds.length - 1];
        }
    }

    /** A member's read cursor that an append moves to {@code seq}: they sent the message at it. */
    public record SenderRead(long conversationId, long userId, long seq) {}

    /** What an append wrote: each conversation's new last seq, and the read cursors it moved. */
    public record Appends(Map<Long, Long> lastSeqs, List<SenderRead> reads) {}

    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";

    /**
     * What a user may read of a conversation: the seqs in {@code (floor, ceiling]}; the ceiling is {@link
     * Long#MAX_VALUE} while they are a member.
     */
    public record Visible(long conversationId, long floor, long ceiling) {

        /** Whether the message at seq is in what the user may read. */
        public boolean contains(long seq) {
            return seq > floor && seq <= ceiling;
        }
    }

    /** Who of the members that can see a message has read it, and who has not. */
    public record ReadState(long conversationId, long seq, List<Long> readBy, List<Long> unreadBy) {}

    /** A conversation's kind, and a group's name and avatar. */
    public record Look(
            String kind, @Nullable String title, @Nullable String avatarId) {}

    /** The active members with their roles, sorted by user id. */
    private record Roster(long[] userIds, String[] roles) {

        @Nullable
        String role(long userId) {
            int at = Arrays.binarySearch(userIds, userId);
            return at < 0 ? null : roles[at];
        }
    }

    private final ConversationRows rows;
    private final CursorWriter cursors;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;
    private final LoadingCache<Long, Roster> rosters;
    private final Cache<String, Long> directByKey;
    private final LoadingCache<Long, Look> looks;

    Conversations(
            ConversationRows rows,
            CursorWriter cursors,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Ids ids,
            Clock clock) {
        this.rows = rows;
        this.cursors = cursors;
        this.transactions = transactions;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.rosters = Caffeine.newBuilder().maximumSize(200_000).build(this::loadRoster);
        this.directByKey = Caffeine.newBuilder().maximumSize(200_000).build();
        this.looks = Caffeine.newBuilder()
                .maximumSize(200_000)
                .build(id -> rows.look(id).orElseThrow(ConversationRefusals.UnknownConversation::new));
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
                rows.insertConversation(id, ConversationRows.DIRECT, key, null, null, clock.millis());
                rows.insertMember(id, userId);
                rows.insertMember(id, peerId);
                return id;
            });
        } catch (DuplicateKeyException raced) {
            return rows.directByKey(key).orElseThrow(() -> raced);
        }
    }

    /** The active members' user ids, sorted. */
    public long[] members(long conversationId) {
        return rosters.get(conversationId).userIds();
    }

    public boolean isMember(long conversationId, long userId) {
        return role(conversationId, userId) != null;
    }

    /** The member's role ({@link #OWNER}, {@link #ADMIN} or {@link #MEMBER}), or null if they are not a member. */
    public @Nullable String role(long conversationId, long userId) {
        return rosters.get(conversationId).role(userId);
    }

    public boolean isGroup(long conversationId) {
        return ConversationRows.GROUP.equals(look(conversationId).kind());
    }

    /** @throws ConversationRefusals.UnknownConversation if there is no such conversation */
    public Look look(long conversationId) {
        return looks.get(conversationId);
    }

    /**
     * For a direct conversation of which the user is a member, the other member; empty for any other
     * conversation. A conversation's kind never changes, so the answer is cached.
     *
     * @throws ConversationRefusals.UnknownConversation if there is no such conversation
     */
    public OptionalLong directPeer(long conversationId, long userId) {
        var kind = look(conversationId).kind();
        if (!ConversationRows.DIRECT.equals(kind)) {
            return OptionalLong.empty();
        }
        return new Cached(kind, rosters.get(conversationId)).directPeer(userId);
    }

    /**
     * What a sender's checks need of the conversation ({@link #requireMember}, {@link #directPeer}), if its kind and
     * its roster are both cached; null if either is not, and then those methods would load it. Never blocks, so an
     * event loop may ask.
     */
    public @Nullable Cached cached(long conversationId) {
        var look = looks.getIfPresent(conversationId);
        var roster = rosters.getIfPresent(conversationId);
        return look == null || roster == null ? null : new Cached(look.kind(), roster);
    }

    /**
     * As {@link #cached}, loading the conversation's kind and roster if they are not cached; may block.
     *
     * @throws ConversationRefusals.UnknownConversation if there is no such conversation
     */
    public Cached cachedAfterLoad(long conversationId) {
        var look = look(conversationId);
        return new Cached(look.kind(), rosters.get(conversationId));
    }

    /** A conversation's kind and active members, as cached when it was taken. */
    public static final class Cached {

        private final String kind;
        private final Roster roster;

        private Cached(String kind, Roster roster) {
            this.kind = kind;
            this.roster = roster;
        }

        /** As {@link Conversations#members}. */
        public long[] members() {
            return roster.userIds();
        }

        /** As {@link Conversations#requireMember}. */
        public void requireMember(long userId) {
            if (roster.role(userId) == null) {
                throw new ConversationRefusals.NotAMember();
            }
        }

        /** As {@link Conversations#directPeer}. */
        public OptionalLong directPeer(long userId) {
            if (!ConversationRows.DIRECT.equals(kind)) {
                return OptionalLong.empty();
            }
            for (long member : roster.userIds()) {
                if (member != userId) {
                    return OptionalLong.of(member);
                }
            }
            return OptionalLong.empty();
        }
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

    /**
     * What the user may read of the conversation: a member from where their history starts, a former member up to
     * where they left.
     *
     * @throws ConversationRefusals.NotAMember if the user never was a member
     */
    public Visible visibility(long conversationId, long userId) {
        return visible(conversationId, membership(conversationId, userId));
    }

    private static Visible visible(long conversationId, ConversationRows.Membership membership) {
        return new Visible(
                conversationId,
                membership.floor(),
                membership.leftSeq() == null ? Long.MAX_VALUE : membership.leftSeq());
    }

    /**
     * @throws ConversationRefusals.UnknownConversation if there is no such conversation
     * @throws ConversationRefusals.NotAMember if the user never was a member
     */
    private ConversationRows.Membership membership(long conversationId, long userId) {
        return rows.membership(conversationId, userId).orElseThrow(() -> {
            look(conversationId);
            return new ConversationRefusals.NotAMember();
        });
    }

    /** What the user may read of every conversation they are or were in. */
    public List<Visible> visibleTo(long userId) {
        return rows.visible(userId);
    }

    /** The groups the user is a member of. */
    public List<Long> groupsOf(long userId) {
        return rows.activeGroupsOf(userId);
    }

    /** The user's conversations: pinned first, then by latest activity; not those they deleted since. */
    public List<ConversationSummary> list(long userId) {
        return rows.summaries(userId);
    }

    /** @throws ConversationRefusals.NotAMember if the user never was a member */
    public ConversationSummary summary(long conversationId, long userId) {
        membership(conversationId, userId);
        return rows.summary(conversationId, userId).orElseThrow(ConversationRefusals.NotAMember::new);
    }

    /** The unread messages of the user's conversations that are not muted: the number on an app badge. */
    public long unreadTotal(long userId) {
        return list(userId).stream()
                .filter(summary -> !summary.muted())
                .mapToLong(ConversationSummary::unread)
                .sum();
    }

    /** Who of the members that can see the message at seq (all but its sender) has read it. */
    public ReadState readState(long conversationId, long seq, long senderId) {
        var readBy = new ArrayList<Long>();
        var unreadBy = new ArrayList<Long>();
        for (var reader : rows.readers(conversationId)) {
            if (reader.userId() == senderId || reader.joinedSeq() >= seq) {
                continue;
            }
            (reader.readSeq() >= seq ? readBy : unreadBy).add(reader.userId());
        }
        return new ReadState(conversationId, seq, readBy, unreadBy);
    }

    /** Pins the conversation to the top of the user's list, or unpins it. */
    public ConversationSummary pin(long conversationId, long userId, boolean pinned) {
        return setOwn(conversationId, userId, "pinned_at", pinned ? clock.millis() : null);
    }

    /** Mutes the conversation for the user (no badge, no notification), or unmutes it. */
    public ConversationSummary mute(long conversationId, long userId, boolean muted) {
        return setOwn(conversationId, userId, "muted", muted);
    }

    /** Hides the conversation's history so far from the user only; the conversation stays in their list. */
    public ConversationSummary clearHistory(long conversationId, long userId) {
        rows.clear(conversationId, userId, membership(conversationId, userId).ceiling(), false);
        return changed(conversationId, userId);
    }

    /**
     * Takes the conversation off the user's list and hides its history so far from them; a new message brings it
     * back.
     */
    public void delete(long conversationId, long userId) {
        rows.clear(conversationId, userId, membership(conversationId, userId).ceiling(), true);
        events.publishEvent(new Notice(Set.of(userId), "conversation.deleted", new Deleted(conversationId)));
    }

    private record Deleted(long conversationId) {}

    private ConversationSummary setOwn(long conversationId, long userId, String column, @Nullable Object value) {
        membership(conversationId, userId);
        if (!rows.setOwn(conversationId, userId, column, value)) {
            throw new ConversationRefusals.NotAMember();
        }
        return changed(conversationId, userId);
    }

    /** Tells the user's devices that their view of the conversation changed. */
    private ConversationSummary changed(long conversationId, long userId) {
        var summary = summary(conversationId, userId);
        events.publishEvent(new Notice(Set.of(userId), "conversation.updated", summary));
        return summary;
    }

    /**
     * Moves the member's read cursor forward (never back, never past the last message) and waits until that is
     * stored. Returns the cursor.
     */
    public long markRead(long conversationId, long userId, long seq) {
        return advance(conversationId, userId, seq, CursorMoved.Cursor.READ).join();
    }

    /**
     * Queues a move of the member's read or delivered cursor, checked now (the member, never back, never past the
     * last message): completes with the cursor once the move is stored. The caller need not wait for that, so a
     * connection's frames after a cursor's are not held up by the cursor batches' pace ({@link CursorWriter}).
     *
     * @throws ConversationRefusals.UnknownConversation if there is no such conversation
     * @throws ConversationRefusals.NotAMember if the user never was a member
     */
    public CompletableFuture<Long> advance(long conversationId, long userId, long seq, CursorMoved.Cursor cursor) {
        var membership = membership(conversationId, userId);
        long target = Math.min(seq, membership.ceiling());
        long current = cursor == CursorMoved.Cursor.READ ? membership.readSeq() : membership.deliveredSeq();
        if (target <= current) {
            return CompletableFuture.completedFuture(current);
        }
        return cursors.advance(new CursorWriter.Move(conversationId, userId, cursor, target));
    }

    /**
     * As {@link #advance}, for the common case that needs nothing the caches lack: an active member (the cached
     * roster) moves a cursor to a message this node committed (at or below the cached last seq) in a conversation
     * whose last message is someone else's (the last sender's cursors are implicit, {@link ConversationRows}). Then
     * the move is queued without a query, and the cursor batch leaves a cursor that is as far already where it is;
     * otherwise null, and {@link #advance} must decide. Never blocks, so an event loop may ask: a client answers every
     * message it gets with a {@code delivered} frame, and the query and the blocking call cost about what a push does
     * (docs/benchmarks.md, 2026-12-01, "receipts without a query").
     *
     * @throws IllegalStateException if the cursor writer has stopped (the server is shutting down)
     */
    public @Nullable CompletableFuture<Long> advanceWithoutBlocking(
            long conversationId, long userId, long seq, CursorMoved.Cursor cursor) {
        var roster = rosters.getIfPresent(conversationId);
        var last = rows.committedLast(conversationId);
        if (roster == null
                || roster.role(userId) == null
                || last == null
                || last.senderId() == userId
                || seq <= 0
                || seq > last.seq()) {
            return null;
        }
        return cursors.advance(new CursorWriter.Move(conversationId, userId, cursor, seq));
    }

    @Override
    public Set<String> referenced(Collection<String> mediaIds) {
        return rows.avatarsAmong(mediaIds);
    }

    /**
     * Reserves the next {@code count} seqs of each conversation, records its latest message and moves the senders' read
     * cursors to their messages. Must run inside the caller's transaction, which holds the conversations' head rows
     * locked until it ends: that is what makes seqs gap-free and unique across writers and nodes.
     *
     * <p>The conversation's last sender has read it up to its last seq without a write to their member row (the
     * reads take the larger of the two, {@link ConversationRows}); a sender's row is written only once someone else
     * sends after them ({@link #cursorsToWrite}). A run of messages from one sender, the common case, changes no
     * member row.
     *
     * @return each conversation's new last seq (the reserved range is {@code (last - count, last]}) and the read
     *     cursors written
     */
    public Appends appendInTransaction(Collection<Appended> appended) {
        var sorted = appended.stream()
                .sorted(java.util.Comparator.comparingLong(Appended::conversationId))
                .toList();
        var advanced = rows.advanceSeqs(sorted);
        var lastSeqs = new HashMap<Long, Long>();
        var reads = new ArrayList<SenderRead>();
        for (var a : sorted) {
            var advance = advanced.get(a.conversationId());
            lastSeqs.put(a.conversationId(), advance.lastSeq());
            reads.addAll(cursorsToWrite(a, advance));
        }
        rows.readBySenders(reads);
        return new Appends(lastSeqs, reads);
    }

    /**
     * Writes again what appends wrote, for appends whose commit the database lost (the message journal's replay):
     * each conversation's last message where its last seq is below the append's, and the read cursors where they are
     * behind. Must run inside the caller's transaction.
     *
     * @param lastSeqs each conversation's last seq after the appends
     */
    public void replayInTransaction(Collection<Appended> appended, Map<Long, Long> lastSeqs, List<SenderRead> reads) {
        rows.replayHeads(appended, lastSeqs);
        rows.readBySenders(reads);
    }

    /**
     * The read cursors an append must write: of each sender but the last, up to their last message in it, and of the
     * conversation's last sender before it, if someone else sends last now, up to the seq that was last.
     */
    static List<SenderRead> cursorsToWrite(Appended appended, ConversationRows.Advance advance) {
        long last = appended.lastSenderId();
        var upTo = new LinkedHashMap<Long, Long>();
        var previous = advance.previous();
        if (previous.senderId() != 0 && previous.senderId() != last) {
            upTo.put(previous.senderId(), previous.seq());
        }
        long seq = advance.lastSeq() - appended.count();
        for (long sender : appended.senderIds()) {
            seq++;
            if (sender != last) {
                upTo.put(sender, seq);
            }
        }
        return upTo.entrySet().stream()
                .map(entry -> new SenderRead(appended.conversationId(), entry.getKey(), entry.getValue()))
                .toList();
    }

    /** Opens a group owned by {@code ownerId} with the other members. Must run inside the caller's transaction. */
    public long openGroupInTransaction(
            long ownerId, String title, @Nullable String avatarId, Collection<Long> memberIds) {
        long id = ids.next();
        rows.insertConversation(id, ConversationRows.GROUP, null, title, avatarId, clock.millis());
        rows.join(id, ownerId, OWNER, 0);
        for (long member : memberIds) {
            rows.join(id, member, MEMBER, 0);
        }
        return id;
    }

    /**
     * The active members and their roles as the database has them now (not the cache), by user id. Must run inside
     * the caller's transaction.
     */
    public Map<Long, String> rosterInTransaction(long conversationId) {
        var roster = new LinkedHashMap<Long, String>();
        rows.roster(conversationId).forEach(entry -> roster.put(entry.getKey(), entry.getValue()));
        return roster;
    }

    /**
     * Makes the user a member whose history starts after {@code joinedSeq}. Must run inside the caller's
     * transaction; call {@link #membershipChanged} after it commits.
     */
    public void joinInTransaction(long conversationId, long userId, String role, long joinedSeq) {
        rows.join(conversationId, userId, role, joinedSeq);
    }

    /**
     * Ends the user's membership; they may still read up to {@code leftSeq}. Must run inside the caller's
     * transaction; call {@link #membershipChanged} after it commits.
     */
    public boolean leaveInTransaction(long conversationId, long userId, long leftSeq) {
        return rows.leave(conversationId, userId, leftSeq) == 1;
    }

    /** Ends every membership at {@code leftSeq}. Must run inside the caller's transaction. */
    public void leaveAllInTransaction(long conversationId, long leftSeq) {
        rows.leaveAll(conversationId, leftSeq);
    }

    /** Gives an active member a role. Must run inside the caller's transaction. */
    public void setRoleInTransaction(long conversationId, long userId, String role) {
        rows.setRole(conversationId, userId, role);
    }

    /** Sets a group's name and avatar. Must run inside the caller's transaction. */
    public void setLookInTransaction(long conversationId, String title, @Nullable String avatarId) {
        rows.setLook(conversationId, title, avatarId);
    }

    /**
     * Records that a message at seq mentions the users, or with null every member but the sender. Must run inside
     * the caller's transaction.
     */
    public void mentionInTransaction(long conversationId, long senderId, @Nullable Collection<Long> userIds, long seq) {
        rows.mention(conversationId, senderId, userIds, seq);
    }

    /** Forgets the cached members, roles and look of the conversation; call after a change to them committed. */
    public void membershipChanged(long conversationId) {
        rosters.invalidate(conversationId);
        looks.invalidate(conversationId);
    }

    private Roster loadRoster(Long conversationId) {
        var roster = rows.roster(conversationId);
        if (roster.isEmpty()) {
            look(conversationId); // throws for an unknown conversation; a dissolved group has no members
        }
        return new Roster(
                roster.stream().mapToLong(Map.Entry::getKey).toArray(),
                roster.stream().map(Map.Entry::getValue).toArray(String[]::new));
    }
}
