package dev.parley.conversation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores members' delivered and read cursors many at a time. A client says so for every message it receives and
 * reads, as they come; with an UPDATE and a commit for each, the database would commit once per message received on
 * top of the message writer's one commit per batch of sends (docs/benchmarks.md, 2026-12-01 evening).
 *
 * <p>Group commit, without a thread of its own: each caller queues its move, then takes the lock; whoever holds it
 * stores everything queued so far in one transaction (each member's cursor moved to the highest seq asked for), in
 * (conversation, user) order as the message writer takes member rows, and answers every move it stored. Callers that
 * queued meanwhile find theirs stored when they get the lock, or store the next batch. Each caller returns once its
 * move is committed, as before.
 */
@Component
class CursorWriter {

    static final int MAX_BATCH = 1000;

    /**
     * The least time between two commits: moves that come sooner gather for the next one. A commit rewrites every H2
     * page changed since the last, and members' rows are spread over many pages, so fewer, larger batches cost less
     * (docs/benchmarks.md); a client waits that much longer for its {@code done}.
     */
    static final long BETWEEN_COMMITS_NANOS = Duration.ofMillis(50).toNanos();

    /** A member's cursor to move forward to {@code seq}. */
    record Move(long conversationId, long userId, CursorMoved.Cursor cursor, long seq) {

        Key key() {
            return new Key(conversationId, userId, cursor);
        }
    }

    record Key(long conversationId, long userId, CursorMoved.Cursor cursor) {}

    private record Waiting(Move move, CompletableFuture<Long> stored) {}

    private static final Comparator<Move> ROW_ORDER = Comparator.comparingLong(Move::conversationId)
            .thenComparingLong(Move::userId)
            .thenComparing(Move::cursor);

    private final ConversationRows rows;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock storing = new ReentrantLock();
    private long lastCommitNanos = System.nanoTime() - BETWEEN_COMMITS_NANOS;

    CursorWriter(ConversationRows rows, TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.rows = rows;
        this.transactions = transactions;
        this.events = events;
    }

    /**
     * Moves the cursor forward, with whatever other moves are waiting, and returns once that is committed: the cursor
     * as stored (this move's seq, or a higher one another move of the batch asked for), or -1 when it was as far or
     * further already. A {@link CursorMoved} event follows every cursor moved.
     */
    long advance(Move move) {
        var waiting = new Waiting(move, new CompletableFuture<>());
        queue.add(waiting);
        storing.lock();
        try {
            if (!waiting.stored().isDone()) {
                storeWaiting();
            }
        } finally {
            storing.unlock();
        }
        return waiting.stored().join();
    }

    /** How many moves wait to be stored. */
    int queued() {
        return queue.size();
    }

    private void storeWaiting() {
        long wait = lastCommitNanos + BETWEEN_COMMITS_NANOS - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        var batch = new ArrayList<Waiting>();
        for (Waiting next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        var highest = new HashMap<Key, Move>();
        for (var waiting : batch) {
            highest.merge(waiting.move().key(), waiting.move(), (a, b) -> a.seq() >= b.seq() ? a : b);
        }
        List<Move> moves = highest.values().stream().sorted(ROW_ORDER).toList();
        boolean[] moved;
        try {
            moved = transactions.execute(status -> rows.advanceCursors(moves));
        } catch (RuntimeException e) {
            lastCommitNanos = System.nanoTime();
            batch.forEach(waiting -> waiting.stored().completeExceptionally(e));
            return;
        }
        lastCommitNanos = System.nanoTime();
        var stored = new HashMap<Key, Long>();
        for (int i = 0; i < moves.size(); i++) {
            var move = moves.get(i);
            stored.put(move.key(), moved[i] ? move.seq() : -1L);
            if (moved[i]) {
                events.publishEvent(new CursorMoved(move.conversationId(), move.userId(), move.cursor(), move.seq()));
            }
        }
        batch.forEach(
                waiting -> waiting.stored().complete(stored.get(waiting.move().key())));
    }
}
