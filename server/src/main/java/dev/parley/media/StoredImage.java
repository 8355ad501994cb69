package dev.parley.media;

/**
 * An uploaded image as stored.
 *
 * @param id the upload's id (each upload by a user for a purpose has one; uploads of the same bytes share the
 *     stored objects)
 * @param uploaderId the user who uploaded it
 * @param purpose {@code avatar} (readable by every logged-in user) or {@code chat} (readable by the uploader and
 *     whom {@link ChatImageGrants} allow)
 * @param contentType the stored format: {@code image/png} or {@code image/jpeg}
 * @param width the original's width in pixels
 * @param height the original's height in pixels
 * @param bytes the size of the stored original
 * @param createdAt when it was uploaded, epoch milliseconds
 */
public record StoredImage(
        String id,
        long uploaderId,
        String purpose,
        String contentType,
        int width,
        int height,
        long bytes,
        long createdAt) {

    static final String AVATAR = "avatar";
    static final String CHAT = "chat";
}
