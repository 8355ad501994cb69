package dev.parley.media;

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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

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

    MediaUploads(
            StoredImages images,
            MediaStorage storage,
            ImageTranscoder transcoder,
            MediaSettings settings,
            Ids ids,
            Clock clock) {
        this.images = images;
        this.storage = storage;
        this.transcoder = transcoder;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
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
        var stored = images.anyWithContent(hash)
                .filter(row -> storage.exists(MediaLibrary.key(hash, Variant.ORIGINAL)))
                .map(row -> {
                    var image = row.image();
                    if ((long) image.width() * image.height() > settings.maxPixels()) {
                        throw new TooManyPixels(image.width(), image.height(), settings.maxPixels());
                    }
                    return new Described(image.contentType(), image.width(), image.height(), image.bytes());
                })
                .orElseGet(() -> store(hash, upload));
        var image = new StoredImage(
                Long.toString(ids.next()),
                uploaderId,
                purpose,
                stored.contentType(),
                stored.width(),
                stored.height(),
                stored.bytes(),
                clock.millis());
        try {
            images.insert(image, hash);
            return image;
        } catch (DuplicateKeyException e) {
            return images.sameUpload(uploaderId, purpose, hash)
                    .orElseThrow(() -> e)
                    .image();
        }
    }

    private record Described(String contentType, int width, int height, long bytes) {}

    private Described store(String hash, byte[] upload) {
        var transcoded = transcoder.transcode(upload);
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
