package dev.parley.media;

import dev.parley.media.ImageTranscoder.Transcoded;
import dev.parley.media.MediaRefusals.InvalidPurpose;
import dev.parley.media.MediaRefusals.MediaQuotaExceeded;
import dev.parley.media.MediaRefusals.MediaTooLarge;
import dev.parley.media.MediaRefusals.TooManyPixels;
import dev.parley.shared.Ids;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepting an upload: check it, re-encode it, store its objects once per content and record the upload.
 *
 * <p>Objects are keyed by the SHA-256 of the uploaded bytes. The same bytes uploaded again, by anyone, are neither
 * decoded nor stored again; the same user uploading them again for the same purpose gets the same id back. A user's
 * uploads of any 24 hours add up to at most {@link MediaSettings#dailyBytesPerUser()}: the stored originals' sizes and
 * the new upload's (two uploads at the same moment may both pass). Every refusal happens before anything is stored.
 */
@Service
class MediaUploads {

    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private final StoredImages images;
    private final MediaStorage storage;
    private final ImageTranscoder transcoder;
    private final MediaSettings settings;
    private final Ids ids;
    private final Clock clock;
    private final TransactionTemplate transactions;

    MediaUploads(
            StoredImages images,
            MediaStorage storage,
            ImageTranscoder transcoder,
            MediaSettings settings,
            Ids ids,
            Clock clock,
            TransactionTemplate transactions) {
        this.images = images;
        this.storage = storage;
        this.transcoder = transcoder;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
        this.transactions = transactions;
    }

    StoredImage upload(long uploaderId, String purpose, byte[] upload) {
        if (!StoredImage.AVATAR.equals(purpose) && !StoredImage.CHAT.equals(purpose)) {
            throw new InvalidPurpose();
        }
        if (upload.length > settings.maxBytes().toBytes()) {
            throw new MediaTooLarge(settings.maxBytes().toBytes());
        }
        var hash = sha256(upload);
        var again = images.sameUpload(uploaderId, purpose, hash);
        if (again.isPresent()) {
            return again.get().image();
        }
        long quota = settings.dailyBytesPerUser().toBytes();
        if (images.bytesUploadedSince(uploaderId, clock.millis() - DAY_MILLIS) + upload.length > quota) {
            throw new MediaQuotaExceeded(quota);
        }
        // decoded before the content's row is locked, so that no transaction waits on it; record looks again
        var transcoded = stored(hash).isPresent() ? null : transcoder.transcode(upload);
        try {
            return record(uploaderId, purpose, hash, upload, transcoded);
        } catch (DuplicateKeyException e) {
            // the same user's upload of the same bytes at the same moment, or another upload adding their content
            var same = images.sameUpload(uploaderId, purpose, hash);
            return same.isPresent() ? same.get().image() : record(uploaderId, purpose, hash, upload, transcoded);
        }
    }

    /**
     * Stores the objects unless they are, and the upload's row, holding the content's row meanwhile: the sweep deletes
     * objects only while it holds that row and no upload of their bytes is left, so it either finishes before this
     * looks (which then stores them anew) or finds this upload's row.
     *
     * @param transcoded the upload re-encoded, or null if its objects were found stored (re-encoded here if they are
     *     gone after all)
     */
    private StoredImage record(
            long uploaderId, String purpose, String hash, byte[] upload, @Nullable Transcoded transcoded) {
        return Objects.requireNonNull(transactions.execute(status -> {
            if (!images.lockContent(hash)) {
                images.addContent(hash);
            }
            var stored = stored(hash)
                    .orElseGet(() -> store(hash, transcoded != null ? transcoded : transcoder.transcode(upload)));
            var image = new StoredImage(
                    Long.toString(ids.next()),
                    uploaderId,
                    purpose,
                    stored.contentType(),
                    stored.width(),
                    stored.height(),
                    stored.bytes(),
                    clock.millis());
            images.insert(image, hash);
            return image;
        }));
    }

    /** What an earlier upload of these bytes stored, if its objects are there; refused if it has too many pixels. */
    private Optional<Described> stored(String hash) {
        return images.anyWithContent(hash)
                .filter(row -> storage.exists(MediaLibrary.key(hash, Variant.ORIGINAL)))
                .map(row -> {
                    var image = row.image();
                    if ((long) image.width() * image.height() > settings.maxPixels()) {
                        throw new TooManyPixels(image.width(), image.height(), settings.maxPixels());
                    }
                    return new Described(image.contentType(), image.width(), image.height(), image.bytes());
                });
    }

    private record Described(String contentType, int width, int height, long bytes) {}

    private Described store(String hash, Transcoded transcoded) {
        transcoded
                .objects()
                .forEach((variant, bytes) ->
                        storage.store(MediaLibrary.key(hash, variant), bytes, transcoded.contentType()));
        return new Described(
                transcoded.contentType(),
                transcoded.width(),
                transcoded.height(),
                transcoded.objects().get(Variant.ORIGINAL).length);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
