package dev.parley.conversation;

import dev.parley.shared.WriterThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores members' delivered and read cursors many at a time. A client says so for every message it receives and
 * reads, as they come; with an UPDATE and a commit for each, the database would commit once per message received on
 * top of the message writer's one commit per batch of sends (docs/benchmarks.md, 2026-12-01 evening).
 *
 * <p>Group commit on a thread of its own ({@link WriterThreads}): each caller queues its move; the thread stores
 * everything queued in one transaction (each member's cursor moved to the highest seq asked for), in (conversation,
 * user) order as the message writer takes member rows, at most once per {@link #BETWEEN_COMMITS_NANOS}, and completes
 * each caller's future with what it stored.
 */
@Component
class CursorWriter extends WriterThreads {

    static final int MAX_BATCH = 1000;

    /**
     * The least time between two commits: moves that come sooner gather for the next one. A commit rewrites every H2
     * page changed since the last, and members' rows are spread over many pages, so fewer, larger batches cost less
     * (docs/benchmarks.md); a client waits that much longer for its {@code done}.
     */
    static final long BETWEEN_COMMITS_NANOS = Duration.ofMillis(50).toNanos();

    private static final long IDLE_POLL_MILLIS = 100;

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
    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();

    CursorWriter(ConversationRows rows, TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.rows = rows;
        this.transactions = transactions;
        this.events = events;
    }

    /**
     * Queues a move of the cursor, to be stored with whatever other moves are waiting; completes once that is
     * committed, with the cursor as it then stands: this move's seq, a higher one another move of the batch asked
     * for, or where it was when that was as far or further already. A {@link CursorMoved} event for every cursor
     * moved comes first.
     *
     * @throws IllegalStateException if the writer has stopped (the server is shutting down)
     */
    CompletableFuture<Long> advance(Move move) {
        var waiting = new Waiting(move, new CompletableFuture<>());
        if (!running() || !queue(queue, waiting)) {
            throw new IllegalStateException("the cursor writer has stopped");
        }
        return waiting.stored();
    }

    @Override
    protected List<Thread> startThreads() {
        return List.of(Thread.ofPlatform().name("cursor-writer").start(this::run));
    }

    private void run() {
        var batch = new ArrayList<Waiting>();
        long lastCommitNanos = System.nanoTime() - BETWEEN_COMMITS_NANOS;
        while (running() || !queue.isEmpty()) {
            long wait = lastCommitNanos + BETWEEN_COMMITS_NANOS - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Waiting first;
            try {
                first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                halt(); // store what is queued, then end
                continue;
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            store(batch);
            lastCommitNanos = System.nanoTime();
            batch.clear();
        }
    }

    private void store(List<Waiting> batch) {
        var highest = new HashMap<Key, Move>();
        for (var waiting : batch) {
            highest.merge(waiting.move().key(), waiting.move(), (a, b) -> a.seq() >= b.seq() ? a : b);
        }
        List<Move> moves = highest.values().stream().sorted(ROW_ORDER).toList();
        var stored = new HashMap<Key, Long>();
        var movedNow = new ArrayList<Move>();
        try {
            transactions.executeWithoutResult(status -> {
                boolean[] moved = rows.advanceCursors(moves);
                for (int i = 0; i < moves.size(); i++) {
                    var move = moves.get(i);
                    if (moved[i]) {
                        movedNow.add(move);
                        stored.put(move.key(), move.seq());
                    } else { // as far or further already: a repeated frame, or one that crossed a later one
                        stored.put(move.key(), rows.cursor(move.conversationId(), move.userId(), move.cursor()));
                    }
                }
            });
        } catch (RuntimeException e) {
            batch.forEach(waiting -> waiting.stored().completeExceptionally(e));
            return;
        }
        for (var move : movedNow) {
            events.publishEvent(new CursorMoved(move.conversationId(), move.userId(), move.cursor(), move.seq()));
        }
        batch.forEach(
                waiting -> waiting.stored().complete(stored.get(waiting.move().key())));
    }
}
