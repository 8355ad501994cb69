/**
 * Media: image uploads (type decided from the bytes, byte and pixel limits, re-encoding that strips
 * metadata, thumbnails), content-addressed storage on the filesystem or in S3-compatible object
 * storage, and signed, short-lived URLs that serve the bytes to browsers. Owns the tables {@code
 * media} and {@code media_contents}.
 *
 * <p>Public API: {@link dev.parley.media.MediaLibrary}, {@link dev.parley.media.StoredImage},
 * {@link dev.parley.media.Variant}; the extension point {@link dev.parley.media.ChatImageGrants}
 * through which other features let users read chat images they did not upload.
 */
@NullMarked
package dev.parley.media;

import org.jspecify.annotations.NullMarked;
