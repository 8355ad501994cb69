package dev.parley.message;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fingerprints of the sends stored lately, so that a retry of one is recognised without a query for every send.
 *
 * <p>A direct-mapped table of 64-bit fingerprints of (sender, clientMsgId) in one array: a newer send whose slot
 * collides overwrites an older one. It answers "maybe seen" or "not seen lately", never "surely seen": a match is
 * confirmed in the log, and a forgotten send that comes back is refused by the log's unique index and then looked
 * up there. So it is only ever a shortcut, and it costs the garbage collector nothing per send (the earlier cache
 * of recent messages kept every send alive for minutes, and copying those through the young generation dominated
 * the collector's pauses under load).
 */
final class RecentSends {

    private static final long EMPTY = 0;

    private final AtomicLongArray slots;
    private final int mask;

    /** @param capacity slots; rounded up to a power of two */
    RecentSends(int capacity) {
        int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.slots = new AtomicLongArray(size);
        this.mask = size - 1;
    }

    void add(long senderId, String clientMsgId) {
        long fingerprint = fingerprint(senderId, clientMsgId);
        slots.setOpaque(slot(fingerprint), fingerprint);
    }

    /** Whether this send may have been stored lately; false means it was not, or was long enough ago to be forgotten. */
    boolean mayContain(long senderId, String clientMsgId) {
        long fingerprint = fingerprint(senderId, clientMsgId);
        return slots.getOpaque(slot(fingerprint)) == fingerprint;
    }

    private int slot(long fingerprint) {
        return (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
    }

    static long fingerprint(long senderId, String clientMsgId) {
        long h = senderId * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < clientMsgId.length(); i++) {
            h = (h ^ clientMsgId.charAt(i)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }
}
