package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class InboxTests {

    private static final long CONVERSATION = 7;

    /** A log holding seqs 1..n of one conversation, serving pages of {@code pageSize}. */
    private static final class FakeLog implements Inbox.Log {
        final TreeMap<Long, Model.Message> messages = new TreeMap<>();
        final List<Long> fetchedAfter = new ArrayList<>();
        final int pageSize;

        FakeLog(int count, int pageSize) {
            this.pageSize = pageSize;
            for (long seq = 1; seq <= count; seq++) {
                messages.put(seq, message(seq));
            }
        }

        @Override
        public Model.Page after(long conversationId, long after) {
            fetchedAfter.add(after);
            var tail = new ArrayList<>(messages.tailMap(after, false).values());
            var page = tail.subList(0, Math.min(pageSize, tail.size()));
            return new Model.Page(List.copyOf(page), tail.size() > pageSize);
        }
    }

    private static Model.Message message(long seq) {
        return new Model.Message(1000 + seq, CONVERSATION, seq, 1, "c" + seq, "text", "m" + seq, null, seq);
    }

    private final List<Long> handed = new ArrayList<>();

    @Test
    void messagesInOrderAreHandedOnWithoutFetching() {
        var log = new FakeLog(3, 10);
        var inbox = new Inbox(log, m -> handed.add(m.seq()));

        inbox.offer(message(1));
        inbox.offer(message(2));
        inbox.offer(message(3));

        assertThat(handed).containsExactly(1L, 2L, 3L);
        assertThat(log.fetchedAfter).isEmpty();
    }

    @Test
    void duplicatesAreDropped() {
        var inbox = new Inbox(new FakeLog(2, 10), m -> handed.add(m.seq()));

        inbox.offer(message(1));
        inbox.offer(message(1));
        inbox.offer(message(2));
        inbox.offer(message(1));

        assertThat(handed).containsExactly(1L, 2L);
    }

    @Test
    void aGapIsFilledFromTheLogBeforeTheMessageThatRevealedIt() {
        var log = new FakeLog(6, 10);
        var inbox = new Inbox(log, m -> handed.add(m.seq()));

        inbox.offer(message(1));
        inbox.offer(message(5)); // 2, 3 and 4 were lost
        inbox.offer(message(6));

        assertThat(handed).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(log.fetchedAfter).containsExactly(1L);
    }

    @Test
    void reorderedPushesAreHandedOnInSeqOrderOnce() {
        var log = new FakeLog(4, 10);
        var inbox = new Inbox(log, m -> handed.add(m.seq()));

        inbox.offer(message(2));
        inbox.offer(message(1));
        inbox.offer(message(4));
        inbox.offer(message(3));

        assertThat(handed).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void catchUpReadsEveryPage() {
        var log = new FakeLog(25, 10);
        var inbox = new Inbox(log, m -> handed.add(m.seq()));

        inbox.catchUp(CONVERSATION, 25);

        assertThat(handed).hasSize(25).isSorted();
        assertThat(log.fetchedAfter).containsExactly(0L, 10L, 20L);
        assertThat(inbox.delivered(CONVERSATION)).isEqualTo(25);
    }

    @Test
    void historyHiddenByTheServerIsSkippedNotWaitedFor() {
        var log = new FakeLog(5, 10);
        log.messages.headMap(3L, true).clear(); // the user cleared history up to 3
        var inbox = new Inbox(log, m -> handed.add(m.seq()));

        inbox.offer(message(5));

        assertThat(handed).containsExactly(4L, 5L);
    }

    /** Conversations 1..n, each with {@code count} messages, served in pages; counts how many fetches overlap. */
    private static final class SlowLogs implements Inbox.Log {
        final int count;
        final int pageSize;
        final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.Set<Long> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

        SlowLogs(int count, int pageSize) {
            this.count = count;
            this.pageSize = pageSize;
        }

        @Override
        public Model.Page after(long conversationId, long after) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20); // a round trip: long enough for the fetches that may overlap to do so
                if (failing.contains(conversationId)) {
                    throw new ParleyException(503, "overloaded", "try later");
                }
                var page = new ArrayList<Model.Message>();
                for (long seq = after + 1; seq <= Math.min(count, after + pageSize); seq++) {
                    page.add(new Model.Message(
                            conversationId * 1000 + seq, conversationId, seq, 1, "c", "text", "m", null, seq));
                }
                return new Model.Page(page, after + pageSize < count);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @Test
    void catchingUpWithManyConversationsFetchesAFewAtOnceAndHandsOnInOrder() {
        var logs = new SlowLogs(5, 2);
        var received = new ArrayList<String>();
        var inbox = new Inbox(logs, m -> received.add(m.conversationId() + ":" + m.seq()));
        var upTo = new java.util.LinkedHashMap<Long, Long>();
        for (long conversation = 1; conversation <= 8; conversation++) {
            upTo.put(conversation, 5L);
        }

        inbox.catchUp(upTo, 3);

        var expected = new ArrayList<String>();
        upTo.keySet().forEach(conversation -> {
            for (long seq = 1; seq <= 5; seq++) {
                expected.add(conversation + ":" + seq);
            }
        });
        assertThat(received)
                .as("every message once, conversation after conversation")
                .isEqualTo(expected);
        assertThat(logs.mostAtOnce.get())
                .as("fetches overlapped: three first pages ahead, and the caller's own of a later page")
                .isBetween(2, 4);
    }

    @Test
    void aFailedFetchWhileCatchingUpReachesTheCaller() {
        var logs = new SlowLogs(3, 10);
        logs.failing.add(2L);
        var received = new ArrayList<Long>();
        var inbox = new Inbox(logs, m -> received.add(m.conversationId()));

        var upTo = new java.util.LinkedHashMap<Long, Long>();
        upTo.put(1L, 3L);
        upTo.put(2L, 3L);
        upTo.put(3L, 3L);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> inbox.catchUp(upTo, 4))
                .isInstanceOf(ParleyException.class);
        assertThat(received)
                .as("the conversation before the failed one was handed on")
                .containsExactly(1L, 1L, 1L);
        assertThat(inbox.delivered(2)).isZero();
        assertThat(inbox.delivered(3))
                .as("nothing after the failure is handed on")
                .isZero();
    }
}
