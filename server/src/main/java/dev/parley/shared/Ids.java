package dev.parley.shared;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one generator of ids for users, devices, conversations and messages.
 *
 * <p>Ids are time-ordered and fit in 53 bits, so JavaScript reads them as exact numbers: 41 bits of
 * milliseconds since 2025-01-01, 4 bits of node id and 8 bits of sequence. When more than 256 ids
 * are asked for within a millisecond the generator borrows the next millisecond, so it never blocks
 * and never repeats; it only runs ahead of the clock while the burst lasts.
 */
public final class Ids {

    static final long EPOCH_MILLIS = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    static final int NODE_BITS = 4;
    static final int SEQUENCE_BITS = 8;
    public static final int MAX_NODES = 1 << NODE_BITS;

    private final Clock clock;
    private final long node;
    private final AtomicLong last = new AtomicLong();

    public Ids(Clock clock, int node) {
        if (node < 0 || node >= MAX_NODES) {
            throw new IllegalArgumentException("node id must be in [0, " + MAX_NODES + ")");
        }
        this.clock = clock;
        this.node = node;
    }

    public long next() {
        long floor = (clock.millis() - EPOCH_MILLIS) << SEQUENCE_BITS;
        long stamp = last.updateAndGet(previous -> Math.max(previous + 1, floor));
        long millis = stamp >>> SEQUENCE_BITS;
        long sequence = stamp & ((1L << SEQUENCE_BITS) - 1);
        return (millis << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS) | sequence;
    }
}
