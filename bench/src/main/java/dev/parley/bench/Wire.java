package dev.parley.bench;

import java.util.List;

/** A system the generator loads: Parley, or the bare relay. Two implementations. */
interface Wire extends AutoCloseable {

    String name();

    /** Opens {@code pairs} sender→receiver pairs, reporting what arrives to the sink. */
    List<Pair> open(int pairs, Sink sink) throws Exception;

    /** Whether the server acknowledges each message (Parley does, after commit; the relay does not). */
    default boolean acknowledges() {
        return true;
    }

    /** A sample of the server's CPU use (0..1 of the machine) and heap in bytes, or null if not known. */
    default ServerSample sample() {
        return null;
    }

    @Override
    void close();

    /** One direction of one conversation: a sender's connection and the receiving user. */
    record Pair(long stream, long recipient, Sender sender) {}

    interface Sender {
        /** Writes one message (not flushed); its id and send time travel with it. */
        void send(String messageId, long sentNanos, long sequence);

        void flush();
    }

    /** Where a wire reports what arrives; called on event-loop threads. */
    interface Sink {
        void acknowledged(String messageId, long sentNanos);

        void delivered(long recipient, String messageId, long stream, long seq, long sentNanos);
    }

    record ServerSample(double cpu, long heapBytes) {}
}
