package dev.parley.message;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the message feature.
 *
 * @param maxLength the longest text message, in Unicode code points
 * @param maxBatch the most sends the writer stores in one transaction
 * @param maxWait the least time between the starts of two commits of a writer lane: a send that comes sooner after the
 *     last one started waits for the others arriving until then, one that comes later is stored at once (zero: commit
 *     whatever is queued as soon as the last commit ends)
 * @param writers how many writer threads (lanes) store sends side by side, each with a share of the conversations
 * @param queueCapacity sends waiting for the writer before new ones are refused as overloaded: in all, split evenly
 *     among the lanes, so that neither the memory they take nor the time a send may wait grows with more writers
 * @param historyPageLimit the most messages one history request returns
 * @param ratePerSecond messages one user may send per second, sustained
 * @param rateBurst the most messages one user may send at once (the size of their token bucket)
 * @param recallWindow how long after sending a sender may recall a message
 * @param searchPageSize the most messages one search request returns
 * @param journal the writer's journal on an embedded H2 file database ({@link MessageJournal})
 */
@ConfigurationProperties("parley.message")
record MessageSettings(
        int maxLength,
        int maxBatch,
        Duration maxWait,
        int writers,
        int queueCapacity,
        int historyPageLimit,
        int ratePerSecond,
        int rateBurst,
        Duration recallWindow,
        int searchPageSize,
        Journal journal) {

    /**
     * The writer's journal.
     *
     * @param enabled whether the writer journals its commits on an embedded H2 file database and lets H2 write its
     *     pages in the background; off, H2 writes them at every commit (as the URL's {@code WRITE_DELAY=0} says)
     * @param writeDelay the longest H2 keeps a commit's pages only in memory while the journal holds its messages
     * @param maxSize a lane's journal size at which the store is written and the journal starts afresh: the most a
     *     start-up replays per lane
     */
    record Journal(boolean enabled, Duration writeDelay, DataSize maxSize) {}
}
