package dev.parley.media;

import java.time.Clock;
import java.util.HashSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the uploads that nothing shows any more, so that the storage does not keep every image ever uploaded: an
 * image never sent, an avatar replaced, the image of a recalled message. What shows an upload, the features say
 * ({@link MediaReferences}: messages, profiles, groups). An upload is kept at least {@link
 * MediaSettings#keepUnusedFor()} after it was made, time enough to send it or set it; its objects go with the last
 * upload of the same bytes.
 *
 * <p>Every node sweeps every {@link MediaSettings#sweepInterval()}, first at a random point of the first interval so
 * that the nodes of a cluster take turns; two sweeps at once delete nothing twice, and an upload of the bytes being
 * deleted waits for their deletion and stores them anew. An upload made old and unused,
 * then sent or set as an avatar in the moment the sweep deletes it, would be lost: with the default day of grace
 * that takes a client holding an upload for a day before using it.
 */
@Component
class MediaSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MediaSweeper.class);
    static final int PAGE = 500;

    private final StoredImages images;
    private final MediaStorage storage;
    private final ObjectProvider<MediaReferences> references;
    private final MediaSettings settings;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private @Nullable ScheduledExecutorService timer;
    private volatile boolean stopping;

    MediaSweeper(
            StoredImages images,
            MediaStorage storage,
            ObjectProvider<MediaReferences> references,
            MediaSettings settings,
            Clock clock,
            TransactionTemplate transactions) {
        this.images = images;
        this.storage = storage;
        this.references = references;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** One sweep over every upload old enough; returns how many it deleted. */
    int sweep() {
        long cutoff = clock.millis() - settings.keepUnusedFor().toMillis();
        int deleted = 0;
        var after = "";
        while (!stopping) {
            var page = images.madeBefore(cutoff, after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            after = page.getLast().image().id();
            var ids = page.stream().map(row -> row.image().id()).toList();
            var shown = new HashSet<String>();
            references.orderedStream().forEach(feature -> shown.addAll(feature.referenced(ids)));
            for (var row : page) {
                if (!shown.contains(row.image().id())
                        && images.delete(row.image().id())) {
                    deleted++;
                    deleteContentIfUnused(row.contentHash());
                }
            }
        }
        if (deleted > 0) {
            log.info("Media sweep: deleted {} uploads that nothing showed", deleted);
        }
        return deleted;
    }

    /**
     * Deletes the objects of these bytes if no upload has them, holding the content's row meanwhile, so that an upload
     * of the same bytes either waits and stores them anew or was recorded before this looked ({@link MediaUploads}).
     */
    private void deleteContentIfUnused(String contentHash) {
        transactions.executeWithoutResult(status -> {
            if (images.lockContent(contentHash)
                    && images.anyWithContent(contentHash).isEmpty()) {
                for (var variant : Variant.values()) {
                    storage.delete(MediaLibrary.key(contentHash, variant));
                }
                images.deleteContent(contentHash);
            }
        });
    }

    @Override
    public synchronized void start() {
        long every = settings.sweepInterval().toMillis();
        if (every <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("media-sweep").factory());
        timer.scheduleWithFixedDelay(
                this::sweepOrLog, ThreadLocalRandom.current().nextLong(every), every, TimeUnit.MILLISECONDS);
    }

    private void sweepOrLog() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Media sweep failed; the next one tries again", e);
        }
    }

    /** Lets a sweep that runs finish its page (no interrupt: one during a write to H2's file closes the database). */
    @Override
    public synchronized void stop() {
        if (timer != null) {
            stopping = true;
            timer.shutdown();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
