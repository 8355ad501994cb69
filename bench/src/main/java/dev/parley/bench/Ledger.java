package dev.parley.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the generator sent, what was acknowledged and what arrived where; and the verdict: every
 * acknowledged message delivered exactly once to each of its recipients, and each recipient's
 * messages of a stream (a conversation) arriving in increasing {@code seq}.
 *
 * <p>Thread-safe. Deliveries to one recipient may come from one thread at a time only (a Netty
 * channel's event loop), which is what keeps a recipient's arrival order meaningful.
 */
final class Ledger {

    /** The outcome of a run. */
    record Verdict(
            long sent,
            long acknowledged,
            long deliveries,
            long lost,
            long duplicated,
            long outOfOrder,
            long unexpected) {

        boolean clean() {
            return lost == 0 && duplicated == 0 && outOfOrder == 0 && unexpected == 0;
        }
    }

    private record Expected(Set<Long> recipients) {}

    private static final class Recipient {
        final Set<String> received = ConcurrentHashMap.newKeySet();
        final Map<Long, Long> lastSeqByStream = new ConcurrentHashMap<>();
    }

    private final Map<String, Expected> sent = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<Long, Recipient> recipients = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();

    void sent(String messageId, Set<Long> expectedRecipients) {
        sent.put(messageId, new Expected(expectedRecipients));
    }

    void acknowledged(String messageId) {
        acknowledged.add(messageId);
    }

    /** A message arrived at a recipient, as the {@code seq}-th of its stream. */
    void delivered(long recipient, String messageId, long stream, long seq) {
        deliveries.incrementAndGet();
        var expected = sent.get(messageId);
        if (expected == null || !expected.recipients().contains(recipient)) {
            unexpected.incrementAndGet();
            return;
        }
        var log = recipients.computeIfAbsent(recipient, r -> new Recipient());
        if (!log.received.add(messageId)) {
            duplicated.incrementAndGet();
            return;
        }
        var previous = log.lastSeqByStream.put(stream, seq);
        if (previous != null && previous >= seq) {
            outOfOrder.incrementAndGet();
        }
    }

    Verdict verdict() {
        long lost = 0;
        for (var messageId : acknowledged) {
            var expected = sent.get(messageId);
            if (expected == null) {
                continue;
            }
            for (long recipient : expected.recipients()) {
                var log = recipients.get(recipient);
                if (log == null || !log.received.contains(messageId)) {
                    lost++;
                }
            }
        }
        return new Verdict(
                sent.size(),
                acknowledged.size(),
                deliveries.get(),
                lost,
                duplicated.get(),
                outOfOrder.get(),
                unexpected.get());
    }
}
