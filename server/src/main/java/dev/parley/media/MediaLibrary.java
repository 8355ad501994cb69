package dev.parley.media;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** Stored images for other features: look them up, decide who may read them, and hand out signed URLs. */
@Service
public class MediaLibrary {

    private static final int MAX_ID_LENGTH = 32;

    private final StoredImages images;
    private final MediaStorage storage;
    private final UrlSigner signer;
    private final ObjectProvider<ChatImageGrants> grants;

    MediaLibrary(StoredImages images, MediaStorage storage, UrlSigner signer, ObjectProvider<ChatImageGrants> grants) {
        this.images = images;
        this.storage = storage;
        this.signer = signer;
        this.grants = grants;
    }

    public Optional<StoredImage> find(String id) {
        return row(id).map(StoredImages.Row::image);
    }

    /** The images among these ids that the user may read ({@link #mayRead}), in no particular order. */
    List<StoredImage> findReadable(long userId, Collection<String> ids) {
        var valid = ids.stream().filter(MediaLibrary::plausibleId).distinct().toList();
        return images.byIds(valid).stream()
                .map(StoredImages.Row::image)
                .filter(image -> mayRead(userId, image))
                .toList();
    }

    /**
     * A relative signed URL such as {@code /media/{id}/{variant}?exp=…&sig=…}, valid for the configured lifetime;
     * does not check access.
     */
    public String signedUrl(String id, Variant variant) {
        return signer.url(id, variant);
    }

    /**
     * Whether the user may read the image (avatar: anyone logged in; chat: uploader or a {@link ChatImageGrants}
     * bean says yes). False for an unknown id.
     */
    public boolean mayRead(long userId, String id) {
        return find(id).map(image -> mayRead(userId, image)).orElse(false);
    }

    boolean mayRead(long userId, StoredImage image) {
        if (StoredImage.AVATAR.equals(image.purpose()) || image.uploaderId() == userId) {
            return true;
        }
        return grants.orderedStream().anyMatch(grant -> grant.mayRead(userId, image.id()));
    }

    /** The image and the bytes of one of its variants. */
    Optional<Served> read(String id, Variant variant) {
        return row(id).flatMap(row -> {
            var image = row.image();
            var stored = variant.scalesDown(image.width(), image.height()) ? variant : Variant.ORIGINAL;
            return storage.read(key(row.contentHash(), stored)).map(bytes -> new Served(image, stored, bytes));
        });
    }

    record Served(StoredImage image, Variant stored, byte[] bytes) {}

    static String key(String contentHash, Variant variant) {
        return contentHash + "/" + variant.pathName();
    }

    private Optional<StoredImages.Row> row(String id) {
        return plausibleId(id) ? images.byId(id) : Optional.empty();
    }

    /** Whether the id could be one (no query for what cannot). */
    private static boolean plausibleId(String id) {
        return !id.isEmpty() && id.length() <= MAX_ID_LENGTH;
    }
}
