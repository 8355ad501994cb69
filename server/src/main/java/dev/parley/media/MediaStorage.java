package dev.parley.media;

import java.util.Optional;

/**
 * Where image bytes live. Keys are content addresses ({@code <sha-256 of the upload>/<variant>}), so an object, once
 * written, never changes: storing under a key that exists already writes nothing.
 */
interface MediaStorage {

    /** Stores the object unless the key holds one already; returns whether it wrote. */
    boolean store(String key, byte[] bytes, String contentType);

    Optional<byte[]> read(String key);

    boolean exists(String key);

    /** Deletes the object if there is one. */
    void delete(String key);
}
