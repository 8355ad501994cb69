package dev.parley.bench;

import java.util.List;
import java.util.Set;

/** A system the generator loads: Parley, or the bare relay. Two implementations. */
interface Wire extends AutoCloseable {

    String name();

    /** Opens {@code pairs} sender→receiver pairs, reporting what arrives to the sink. */
    List<Pair> open(int pairs, Sink sink) throws Exception;

    /**
     * Opens {@code groups} groups of {@code members} each: per group one sender connection and
     * {@code members − 1} receiving connections, each a recipient of its own; every message the
     * sender sends fans out to all of them.
     */
    List<Pair> openGroups(int groups, int members, Sink sink, Driver.Progress progress) throws Exception;

    /** Whether the server acknowledges each message (Parley does, after commit; the relay does not). */
    default boolean acknowledges() {
        return true;
    }

    /**
     * A sample of the server's CPU use (0..1 of the machine), heap in bytes and garbage collection pauses, or null if
     * not known.
     */
    default ServerSample sample() {
        return null;
    }

    @Override
    void close();

    /**
     * One sender's connection to one stream (a conversation: direct or group) and the recipients
     * every message it sends must reach.
     */
    record Pair(long stream, Set<Long> recipients, Sender sender) {

        public Pair {
            recipients = Set.copyOf(recipients);
        }

        /** One direction of a one-to-one conversation. */
        public Pair(long stream, long recipient, Sender sender) {
            this(stream, Set.of(recipient), sender);
        }
    }

    interface Sender {
        /** Writes one message (not flushed); its id and send time travel with it. */
        void send(String messageId, long sentNanos, long sequence);

        void flush();
    }

    /** Where a wire reports what arrives; called on event-loop threads. */
    interface Sink {
        void acknowledged(String messageId, long sentNanos);

        void delivered(long recipient, String messageId, long stream, long seq, long sentNanos);

        /** A sender heard that a recipient got its messages (with {@code --receipts}). */
        void receipted();
    }

    /**
     * What the server's metrics said at one moment. The pauses are counted since the server started, over all of its
     * collectors; {@code gcPauseMaxSeconds} is the longest of the last minute or two (Micrometer's max decays).
     */
    record ServerSample(double cpu, long heapBytes, long gcPauses, double gcPauseSeconds, double gcPauseMaxSeconds) {}
}
