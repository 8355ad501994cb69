package dev.parley.message;

import dev.parley.conversation.Conversations;
import dev.parley.shared.EmbeddedStore;
import dev.parley.shared.Ids;
import dev.parley.shared.Refusal;
import dev.parley.shared.WriterThreads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The group-commit writer. Sends queue up in one of {@code writers} lanes, chosen by the conversation: all sends of
 * one conversation go through the same lane, in the order they were queued. Each lane is a thread that takes whatever
 * its queue holds (up to {@code maxBatch}), stores it in one transaction that also reserves the conversations' seqs,
 * and only after the commit completes each sender's future and publishes {@link MessagesStored}. While one
 * transaction commits the next batch gathers, so the batch size follows the load; and while one lane waits for its
 * commit (on PostgreSQL, the WAL flush) the others work, so commits overlap.
 *
 * <p>A lane starts its commits at least {@code maxWait} apart: a send that finds the last commit started longer ago
 * is stored at once, and one that comes sooner waits for the others arriving until then. So a quiet conversation
 * never waits, while under load the commits, whose cost is mostly per commit and per page they change rather than per
 * message, carry several sends each instead of one or two (docs/benchmarks.md: on H2 at 2,000 msg/s, 3 ms took the
 * writer thread from about 75 % to 40 % of a core and cut the tail latency).
 *
 * <p>A send whose (sender, clientMsgId) is already in the log completes with the stored message. If a batch fails,
 * its sends are retried one by one, so that one bad send cannot sink the others; a single send that fails on a lock
 * (a deadlock victim, a lock wait timeout) is tried once more.
 *
 * <p>The lanes need no lock of their own because they never write the same rows. Every row a lane's transaction writes
 * belongs to the conversation of one of its sends: the conversation's head row (its seq counter, locked first and in id
 * order), its members' rows (senders' read cursors, mentions), its messages, and whatever a system message's
 * {@link SystemMessages.Action} changes, which is confined to the message's own conversation (its members, roles, look
 * and group row, or a message of its own to recall). A conversation has exactly one lane, so its seqs, its membership
 * changes and the messages around them stay in one order; the rows that lanes share are only read (the users a member
 * row refers to, which a foreign key check locks in share mode), and one key of the unique index on (sender,
 * clientMsgId) never reaches two lanes of a node at once, as {@link MessageSending} answers a repeated key with the
 * first send's future. What remains are locks on index ranges (Parley runs at READ COMMITTED, where InnoDB takes gap
 * locks only for foreign-key and duplicate-key checks): should two lanes still deadlock, the database rolls one of
 * them back and its sends are retried as above, as when the writers of two nodes meet.
 */
@Component
class MessageWriter extends WriterThreads {

    private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);
    private static final int PREVIEW_LENGTH = 100;
    private static final long IDLE_POLL_MILLIS = 100;

    /**
     * A message waiting to be stored.
     *
     * @param action for a system message, what else its transaction does, given the message's seq
     * @param alsoNotify users who are not members after the transaction but should hear of the message
     */
    record Pending(
            long senderId,
            long origin,
            long conversationId,
            String clientMsgId,
            Draft draft,
            SystemMessages.@Nullable Action action,
            long[] alsoNotify,
            CompletableFuture<Message> result) {

        Key key() {
            return new Key(senderId, clientMsgId);
        }
    }

    record Key(long senderId, String clientMsgId) {}

    /** What a message will hold, before it has an id and a seq; {@code preview} is what the conversation list shows. */
    record Draft(
            String kind,
            String body,
            Message.@Nullable Media media,
            Message.@Nullable Reply replyTo,
            boolean forwarded,
            @Nullable List<Long> mentions,
            boolean mentionAll,
            String preview) {

        Message toMessage(long id, long conversationId, long seq, long senderId, String clientMsgId, long at) {
            return new Message(
                    id,
                    conversationId,
                    seq,
                    senderId,
                    clientMsgId,
                    kind,
                    body,
                    media,
                    replyTo,
                    forwarded ? true : null,
                    mentions == null || mentions.isEmpty() ? null : mentions,
                    mentionAll ? true : null,
                    at);
        }
    }

    private final Lane[] lanes;
    private final MessageStore store;
    private final MessageJournal journal;
    private final Conversations conversations;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final Counter stored;
    private final DistributionSummary batchSizes;
    private final Timer commits;

    MessageWriter(
            MessageSettings settings,
            MessageStore store,
            MessageJournal journal,
            Conversations conversations,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Ids ids,
            Clock clock,
            MeterRegistry meters) {
        if (settings.writers() < 1) {
            throw new IllegalArgumentException("parley.message.writers must be at least 1");
        }
        int writers = settings.writers();
        int capacity = Math.max(1, Math.ceilDiv(settings.queueCapacity(), writers));
        this.lanes = IntStream.range(0, writers)
                .mapToObj(index -> new Lane(index, capacity))
                .toArray(Lane[]::new);
        this.store = store;
        this.journal = journal;
        this.conversations = conversations;
        this.transactions = transactions;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.maxBatch = settings.maxBatch();
        this.maxWaitNanos = settings.maxWait().toNanos();
        this.stored = Counter.builder("parley.messages.stored")
                .description("Messages committed to the log")
                .register(meters);
        this.batchSizes = DistributionSummary.builder("parley.messages.batch.size")
                .description("Sends stored per group commit")
                .register(meters);
        this.commits = Timer.builder("parley.messages.commit")
                .description("Time to store one batch")
                .register(meters);
    }

    /** Queues a send; the future completes after the commit, or fails with {@link MessageRefusals.Overloaded}. */
    void submit(Pending pending) {
        if (running()) {
            enqueue(pending);
        } else {
            pending.result().completeExceptionally(new MessageRefusals.Overloaded());
        }
    }

    /** Queues a send in its lane, for a caller that found the writer running ({@link WriterThreads#queue}). */
    void enqueue(Pending pending) {
        if (!queue(lanes[lane(pending.conversationId(), lanes.length)].queue, pending)) {
            pending.result().completeExceptionally(new MessageRefusals.Overloaded());
        }
    }

    /**
     * The lane of a conversation. Ids made close together differ mostly in their middle bits (milliseconds, then a
     * sequence that is often zero), so they are mixed first (MurmurHash3's finaliser) to spread them over the lanes.
     */
    static int lane(long conversationId, int lanes) {
        long mixed = conversationId;
        mixed = (mixed ^ (mixed >>> 33)) * 0xff51afd7ed558ccdL;
        mixed = (mixed ^ (mixed >>> 33)) * 0xc4ceb9fe1a85ec53L;
        mixed ^= mixed >>> 33;
        return Math.floorMod(mixed, lanes);
    }

    @Override
    protected List<Thread> startThreads() {
        return Arrays.stream(lanes).map(Lane::start).toList();
    }

    /** One writer thread and the queue it takes its batches from. */
    private final class Lane {

        private final int index;
        private final BlockingQueue<Pending> queue;

        Lane(int index, int capacity) {
            this.index = index;
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        Thread start() {
            MessageJournal.Lane journaled;
            try {
                journaled = journal.open(index);
            } catch (IOException e) {
                throw new UncheckedIOException("The message journal of lane " + index + " cannot be opened", e);
            }
            return Thread.ofPlatform().name("message-writer-" + index).start(() -> run(journaled));
        }

        private void run(MessageJournal.Lane journaled) {
            EmbeddedStore.journaling(true);
            var batch = new ArrayList<Pending>(maxBatch);
            long nextCommit = System.nanoTime(); // the earliest start of the next commit
            while (running() || !queue.isEmpty()) {
                gather(batch, nextCommit);
                if (!batch.isEmpty()) {
                    nextCommit = System.nanoTime() + maxWaitNanos;
                    write(batch, journaled);
                    batch.clear();
                }
            }
            try {
                journaled.close();
            } catch (IOException | RuntimeException e) {
                log.warn("Message writer lane {} could not close its journal ({})", index, e.toString());
            }
        }

        /**
         * Takes what is queued: waits a little for the first send, then until {@code notBefore} (the last commit's
         * start plus maxWait, often already past) for more; every lane's first commit may start at once.
         */
        private void gather(List<Pending> batch, long notBefore) {
            try {
                var first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    return;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - batch.size());
                long left;
                while (batch.size() < maxBatch && (left = notBefore - System.nanoTime()) > 0) {
                    var next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    queue.drainTo(batch, maxBatch - batch.size());
                }
            } catch (InterruptedException e) {
                halt(); // every lane stores what is queued, then ends
                queue.drainTo(batch, maxBatch - batch.size());
            }
        }
    }

    /**
     * The outcome of one batch: the message for every key, which of them this batch stored, and what the journal
     * needs to store them again (null if the batch stored nothing, or something the journal cannot replay).
     */
    private record Outcome(
            Map<Key, Message> byKey, List<MessagesStored.Stored> fresh, MessageJournal.@Nullable Entry entry) {}

    /**
     * Stores a batch, cut before every system message with an action: such a message starts a commit of its own, so
     * that the members read when a commit's {@link MessagesStored} is published are those every message of it was
     * sent to, and a member added by a message gets no push of the messages before it (nor does a removed one miss
     * the last).
     */
    private void write(List<Pending> batch, MessageJournal.Lane journaled) {
        int from = 0;
        for (int i = 1; i < batch.size(); i++) {
            if (batch.get(i).action() != null) {
                writeSegment(batch.subList(from, i), journaled);
                from = i;
            }
        }
        writeSegment(batch.subList(from, batch.size()), journaled);
    }

    private void writeSegment(List<Pending> batch, MessageJournal.Lane journaled) {
        Outcome outcome;
        try {
            outcome = commit(batch);
        } catch (Exception e) {
            if (batch.size() > 1) {
                for (var pending : batch) {
                    writeSegment(List.of(pending), journaled);
                }
                return;
            }
            if (e instanceof Refusal refusal) {
                batch.getFirst().result().completeExceptionally(refusal); // a system message's action refused it
                return;
            }
            log.warn("A send could not be stored ({})", e.getClass().getName());
            batch.getFirst().result().completeExceptionally(new MessageRefusals.NotStored());
            return;
        }
        for (var pending : batch) {
            if (pending.action() != null) {
                conversations.membershipChanged(pending.conversationId());
            }
        }
        try {
            if (outcome.entry() != null) {
                journaled.append(outcome.entry());
            } else if (!outcome.fresh().isEmpty()) {
                journaled.writeStore();
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Stored sends could not be written to disk ({})",
                    e.getClass().getName());
            for (var pending : batch) {
                pending.result().completeExceptionally(new MessageRefusals.NotStored());
            }
            return;
        }
        for (var pending : batch) {
            pending.result().complete(outcome.byKey().get(pending.key()));
        }
        batchSizes.record(batch.size());
        if (!outcome.fresh().isEmpty()) {
            stored.increment(outcome.fresh().size());
            events.publishEvent(new MessagesStored(outcome.fresh()));
        }
    }

    /** Stores the batch in one transaction; a single send that lost a deadlock or a lock wait gets a second try. */
    private Outcome commit(List<Pending> batch) throws Exception {
        Callable<Outcome> attempt = () -> commits.recordCallable(() -> transactions.execute(status -> store(batch)));
        try {
            return attempt.call();
        } catch (PessimisticLockingFailureException lost) {
            if (batch.size() > 1) {
                throw lost; // retried one by one
            }
            return attempt.call();
        }
    }

    /**
     * Stores a batch. A batch of several sends does not look for earlier copies first: the sending side already
     * answers recent retries from memory, so a copy in the log is rare (a retry after a restart, or through another
     * node), and the unique index on (client_msg_id, sender_id) refuses it; the batch is then retried one send at a
     * time, and a single send does look first. This saves a query per commit.
     */
    private Outcome store(List<Pending> batch) {
        var byKey = new HashMap<Key, Message>();
        if (batch.size() == 1) {
            for (var existing : store.byClientMsgIds(List.of(batch.getFirst().clientMsgId()))) {
                byKey.put(new Key(existing.senderId(), existing.clientMsgId()), existing);
            }
        }
        var byConversation = new LinkedHashMap<Long, List<Pending>>();
        var seen = new HashSet<Key>();
        for (var pending : batch) {
            if (!byKey.containsKey(pending.key()) && seen.add(pending.key())) {
                byConversation
                        .computeIfAbsent(pending.conversationId(), id -> new ArrayList<>())
                        .add(pending);
            }
        }
        if (byConversation.isEmpty()) {
            return new Outcome(byKey, List.of(), null);
        }
        long now = clock.millis();
        var appended = new ArrayList<Conversations.Appended>(byConversation.size());
        var messageIds = new HashMap<Key, Long>();
        for (var entry : byConversation.entrySet()) {
            var sends = entry.getValue();
            sends.forEach(p -> messageIds.put(p.key(), ids.next()));
            var last = sends.getLast();
            appended.add(new Conversations.Appended(
                    entry.getKey(),
                    sends.stream().mapToLong(Pending::senderId).toArray(),
                    messageIds.get(last.key()),
                    last.draft().kind(),
                    preview(last.draft().preview()),
                    now));
        }
        var appends = conversations.appendInTransaction(appended);
        var lastSeqs = appends.lastSeqs();
        var fresh = new ArrayList<MessagesStored.Stored>(batch.size());
        for (var entry : byConversation.entrySet()) {
            var sends = entry.getValue();
            long seq = lastSeqs.get(entry.getKey()) - sends.size();
            for (var p : sends) {
                seq++;
                var message = p.draft()
                        .toMessage(
                                messageIds.get(p.key()), p.conversationId(), seq, p.senderId(), p.clientMsgId(), now);
                if (p.action() != null) {
                    p.action().apply(seq);
                }
                mention(conversations, message);
                fresh.add(new MessagesStored.Stored(message, p.origin(), p.alsoNotify()));
                byKey.put(p.key(), message);
            }
        }
        var stored = fresh.stream().map(MessagesStored.Stored::message).toList();
        store.insert(stored);
        boolean replayable = batch.stream().allMatch(p -> p.action() == null);
        return new Outcome(
                byKey,
                List.copyOf(fresh),
                replayable ? new MessageJournal.Entry(stored, appended, lastSeqs, appends.reads()) : null);
    }

    /** Records whom a stored message mentions, if anyone. Must run inside the transaction that stores it. */
    static void mention(Conversations conversations, Message message) {
        if (Boolean.TRUE.equals(message.mentionAll()) || message.mentions() != null) {
            conversations.mentionInTransaction(
                    message.conversationId(),
                    message.senderId(),
                    Boolean.TRUE.equals(message.mentionAll()) ? null : message.mentions(),
                    message.seq());
        }
    }

    /** At most PREVIEW_LENGTH characters of what the conversation list shows. */
    private static String preview(String text) {
        if (text.codePointCount(0, text.length()) <= PREVIEW_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, PREVIEW_LENGTH));
    }
}
