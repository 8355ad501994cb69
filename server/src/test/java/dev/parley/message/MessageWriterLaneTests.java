package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.parley.conversation.Conversations;
import dev.parley.shared.Ids;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongUnaryOperator;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

class MessageWriterLaneTests {

    private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");
    private static final int LANES = 4;
    private static final int COUNT = 4000;

    @Test
    void conversationsOpenedOneAtATimeSpreadEvenlyOverTheLanes() {
        // the usual case: each id is the first of its millisecond, so its sequence bits are zero
        assertEvenSpread(ids(i -> i));
        assertEvenSpread(ids(i -> i * 1000));
        assertEvenSpread(ids(i -> i * 60_000));
    }

    @Test
    void conversationsOpenedInOneBurstSpreadEvenlyOverTheLanes() {
        var ids = new Ids(Clock.fixed(START, ZoneOffset.UTC), 5);
        var burst = new ArrayList<Long>();
        for (int i = 0; i < COUNT; i++) {
            burst.add(ids.next());
        }
        assertEvenSpread(burst);
    }

    @Test
    void aConversationKeepsItsLane() {
        for (long id : ids(i -> i * 7)) {
            int lane = MessageWriter.lane(id, LANES);
            assertThat(lane).isBetween(0, LANES - 1);
            assertThat(MessageWriter.lane(id, LANES)).isEqualTo(lane);
        }
        assertThat(MessageWriter.lane(-1, LANES)).isBetween(0, LANES - 1);
        assertThat(MessageWriter.lane(12345, 1)).isZero();
    }

    @Test
    void aSendThatReachesItsLaneAfterStopEndedTheLaneIsRefusedAsOverloaded() {
        var writer = writer();
        writer.start();
        writer.stop();

        var late = pending(1);
        writer.submit(late);
        assertThat(late.result()).isCompletedExceptionally();

        // a sender that found the writer running just before stop, and reaches the queue only now
        var caught = pending(2);
        writer.enqueue(caught);
        assertThat(caught.result())
                .as("refused as a send after stop is, not left in a queue that nobody reads")
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(MessageRefusals.Overloaded.class);
    }

    @Test
    void aSendToAnIdleLaneIsStoredAtOnceHoweverLongMaxWaitIs() {
        var writer = storingWriter(Duration.ofMinutes(1), new SimpleMeterRegistry());
        writer.start();
        try {
            var send = pending(1, "first");
            writer.submit(send);
            // no commit started in the last minute, so there is nothing to wait for
            assertThat(send.result()).succeedsWithin(Duration.ofSeconds(10));
        } finally {
            writer.stop();
        }
    }

    @Test
    void sendsArrivingSoonAfterACommitStartedGatherIntoTheNextOne() throws InterruptedException {
        var meters = new SimpleMeterRegistry();
        var writer = storingWriter(Duration.ofSeconds(2), meters);
        writer.start();
        try {
            var first = pending(1, "first");
            writer.submit(first);
            assertThat(first.result()).succeedsWithin(Duration.ofSeconds(10));

            var second = pending(1, "second");
            writer.submit(second);
            Thread.sleep(200); // a lane that commits whatever is queued would have stored the second alone by now
            var third = pending(1, "third");
            writer.submit(third);
            assertThat(second.result()).succeedsWithin(Duration.ofSeconds(10));
            assertThat(third.result()).succeedsWithin(Duration.ofSeconds(10));

            var batches = meters.get("parley.messages.batch.size").summary();
            assertThat(batches.count()).as("commits").isEqualTo(2);
            assertThat(batches.max()).as("sends in the second commit").isEqualTo(2);
        } finally {
            writer.stop();
        }
    }

    /** A writer whose database is never reached. */
    private static MessageWriter writer() {
        return writer(Duration.ZERO, mock(Conversations.class), new TransactionTemplate(), new SimpleMeterRegistry());
    }

    /** A writer that stores into mocks: every conversation's seqs start at zero in each batch. */
    private static MessageWriter storingWriter(Duration maxWait, SimpleMeterRegistry meters) {
        var conversations = mock(Conversations.class);
        when(conversations.appendInTransaction(anyCollection())).thenAnswer(call -> {
            Collection<Conversations.Appended> appended = call.getArgument(0);
            return new Conversations.Appends(
                    appended.stream()
                            .collect(Collectors.toMap(
                                    Conversations.Appended::conversationId, a -> (long) a.count(), Long::sum)),
                    List.of());
        });
        var transactions = new TransactionTemplate(mock(PlatformTransactionManager.class));
        return writer(maxWait, conversations, transactions, meters);
    }

    private static MessageWriter writer(
            Duration maxWait,
            Conversations conversations,
            TransactionTemplate transactions,
            SimpleMeterRegistry meters) {
        var clock = Clock.fixed(START, ZoneOffset.UTC);
        var settings = new MessageSettings(
                4000,
                256,
                maxWait,
                LANES,
                100,
                100,
                10,
                10,
                Duration.ofMinutes(2),
                20,
                new MessageSettings.Journal(false, Duration.ofMillis(500), DataSize.ofMegabytes(16)));
        var store = mock(MessageStore.class);
        return new MessageWriter(
                settings,
                store,
                new MessageJournal(mock(DataSource.class), settings, store, conversations, transactions),
                conversations,
                transactions,
                event -> {},
                new Ids(clock, 1),
                clock,
                meters);
    }

    private static MessageWriter.Pending pending(long conversationId) {
        return pending(conversationId, "late-" + conversationId);
    }

    private static MessageWriter.Pending pending(long conversationId, String clientMsgId) {
        var draft = new MessageWriter.Draft("text", "hello", null, null, false, null, false, "hello");
        return new MessageWriter.Pending(
                1, 0, conversationId, clientMsgId, draft, null, new long[0], new CompletableFuture<>());
    }

    /** Ids of conversations opened at START plus {@code millis(i)}, each on a fresh generator of node 1. */
    private static List<Long> ids(LongUnaryOperator millis) {
        var ids = new ArrayList<Long>();
        for (int i = 0; i < COUNT; i++) {
            var at = START.plus(Duration.ofMillis(millis.applyAsLong(i)));
            ids.add(new Ids(Clock.fixed(at, ZoneOffset.UTC), 1).next());
        }
        return ids;
    }

    private static void assertEvenSpread(List<Long> ids) {
        var perLane = new int[LANES];
        ids.forEach(id -> perLane[MessageWriter.lane(id, LANES)]++);
        for (int count : perLane) {
            // an even share is 1000 of 4000; a fair hash stays well within 10 % of it
            assertThat(count).as("conversations per lane").isBetween(900, 1100);
        }
    }
}
