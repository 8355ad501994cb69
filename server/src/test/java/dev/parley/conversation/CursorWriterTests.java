package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import dev.parley.conversation.CursorMoved.Cursor;
import dev.parley.conversation.CursorWriter.Move;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class CursorWriterTests {

    /**
     * Rows that record each batch; the first batch waits for a latch, and a move to seq 99 never moves a cursor, which
     * stands at 120.
     */
    static final class Rows extends ConversationRows {
        final List<List<Move>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean fail;

        Rows() {
            super(null, null);
        }

        @Override
        boolean[] advanceCursors(List<Move> moves) {
            batches.add(moves);
            if (batches.size() == 1) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (fail) {
                throw new IllegalStateException("the database is away");
            }
            var moved = new boolean[moves.size()];
            for (int i = 0; i < moved.length; i++) {
                moved[i] = moves.get(i).seq() != 99;
            }
            return moved;
        }

        @Override
        long cursor(long conversationId, long userId, Cursor cursor) {
            return 120;
        }
    }

    private final Rows rows = new Rows();
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final CursorWriter writer =
            new CursorWriter(rows, new TransactionTemplate(mock(PlatformTransactionManager.class)), events::add);

    @BeforeEach
    void start() {
        writer.start();
    }

    @AfterEach
    void stop() {
        rows.release.countDown();
        writer.stop();
    }

    @Test
    void movesThatComeWhileABatchIsStoredAreStoredTogetherInTheNextAtTheHighestSeqOfEachCursorOrLeftWhereTheyStand() {
        var first = firstBatchHeld();
        var moves = new ArrayList<Move>();
        for (long user = 30; user > 20; user--) {
            moves.add(new Move(2, user, Cursor.DELIVERED, user));
        }
        moves.add(new Move(2, 21, Cursor.DELIVERED, 40)); // a later frame of user 21: its cursor goes to 40
        moves.add(new Move(2, 21, Cursor.READ, 5)); // the other cursor of the same member
        moves.add(new Move(3, 7, Cursor.READ, 99)); // already further: does not move, and answers where it stands
        var results = new HashMap<Move, CompletableFuture<Long>>();
        moves.forEach(move -> results.put(move, writer.advance(move)));
        rows.release.countDown();
        assertThat(first.join()).isEqualTo(3);
        results.values().forEach(CompletableFuture::join);

        assertThat(rows.batches).hasSize(2);
        var second = rows.batches.get(1);
        assertThat(second)
                .as("one move per cursor, in (conversation, user) order")
                .hasSize(12)
                .isSortedAccordingTo(CursorWriterTests::rowOrder)
                .contains(new Move(2, 21, Cursor.DELIVERED, 40), new Move(2, 21, Cursor.READ, 5))
                .doesNotContain(new Move(2, 21, Cursor.DELIVERED, 21));
        assertThat(results.get(new Move(2, 21, Cursor.DELIVERED, 21)).join()).isEqualTo(40);
        assertThat(results.get(new Move(2, 21, Cursor.DELIVERED, 40)).join()).isEqualTo(40);
        assertThat(results.get(new Move(2, 25, Cursor.DELIVERED, 25)).join()).isEqualTo(25);
        assertThat(results.get(new Move(3, 7, Cursor.READ, 99)).join()).isEqualTo(120);
        assertThat(events)
                .hasSize(12) // the first batch's one and eleven of the second: not the cursor that stayed
                .contains(new CursorMoved(2, 21, Cursor.DELIVERED, 40), new CursorMoved(1, 10, Cursor.READ, 3))
                .doesNotContain(new CursorMoved(3, 7, Cursor.READ, 99));
    }

    @Test
    void aBatchThatFailsFailsItsCallersAndTheNextOneIsStored() {
        rows.release.countDown();
        rows.fail = true;
        assertThatThrownBy(() -> writer.advance(new Move(1, 1, Cursor.READ, 2)).join())
                .hasRootCauseMessage("the database is away");
        rows.fail = false;
        assertThat(writer.advance(new Move(1, 1, Cursor.READ, 2)).join()).isEqualTo(2);
        assertThat(events).containsExactly(new CursorMoved(1, 1, Cursor.READ, 2));
    }

    @Test
    void movesQueuedBeforeStopAreStoredAndLaterOnesRefused() {
        var first = firstBatchHeld();
        var queued = writer.advance(new Move(2, 20, Cursor.READ, 4));
        var stopping = CompletableFuture.runAsync(writer::stop); // waits for the writer's thread to end
        waitFor(() -> !writer.isRunning());
        assertThatThrownBy(() -> writer.advance(new Move(3, 30, Cursor.READ, 5)))
                .isInstanceOf(IllegalStateException.class);
        rows.release.countDown();
        stopping.join();
        assertThat(first.join()).isEqualTo(3);
        assertThat(queued.join()).as("stored before the writer ended").isEqualTo(4);
        assertThat(rows.batches).hasSize(2);
    }

    /** Queues a first move and waits until its batch is being stored, held there until {@code rows.release}. */
    private CompletableFuture<Long> firstBatchHeld() {
        var first = writer.advance(new Move(1, 10, Cursor.READ, 3));
        waitFor(() -> !rows.batches.isEmpty());
        return first;
    }

    private static void waitFor(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static int rowOrder(Move a, Move b) {
        int c = Long.compare(a.conversationId(), b.conversationId());
        if (c == 0) {
            c = Long.compare(a.userId(), b.userId());
        }
        return c == 0 ? a.cursor().compareTo(b.cursor()) : c;
    }
}
