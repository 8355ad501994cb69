package dev.parley.media;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code media} table: one row per upload, pointing at content-addressed objects by {@code content_hash}; and
 * {@code media_contents}: one row per content, locked by whoever stores or deletes its objects.
 */
@Repository
class StoredImages {

    record Row(StoredImage image, String contentHash) {}

    private static final String COLUMNS =
            "id, uploader_id, purpose, content_type, width, height, bytes, created_at, content_hash";

    private final JdbcClient jdbc;

    StoredImages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredImage image, String contentHash) {
        jdbc.sql("INSERT INTO media (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        image.id(),
                        image.uploaderId(),
                        image.purpose(),
                        image.contentType(),
                        image.width(),
                        image.height(),
                        image.bytes(),
                        image.createdAt(),
                        contentHash)
                .update();
    }

    Optional<Row> byId(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM media WHERE id = ?")
                .param(id)
                .query(StoredImages::row)
                .optional();
    }

    /** The uploads among these ids, in no particular order; unknown ids are left out. */
    List<Row> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM media WHERE id IN (:ids)")
                .param("ids", ids)
                .query(StoredImages::row)
                .list();
    }

    /** The earlier upload of the same bytes by the same user for the same purpose, if any. */
    Optional<Row> sameUpload(long uploaderId, String purpose, String contentHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM media WHERE uploader_id = ? AND purpose = ? AND content_hash = ?")
                .params(uploaderId, purpose, contentHash)
                .query(StoredImages::row)
                .optional();
    }

    /** The sizes of the user's uploads since then (epoch milliseconds, exclusive), added up. */
    long bytesUploadedSince(long uploaderId, long since) {
        return jdbc.sql("SELECT COALESCE(SUM(bytes), 0) FROM media WHERE uploader_id = ? AND created_at > ?")
                .params(uploaderId, since)
                .query(Long.class)
                .single();
    }

    /** Up to {@code limit} uploads made before {@code cutoff} (epoch milliseconds), the next after id {@code after}. */
    List<Row> madeBefore(long cutoff, String after, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM media WHERE id > ? AND created_at < ? ORDER BY id LIMIT ?")
                .params(after, cutoff, limit)
                .query(StoredImages::row)
                .list();
    }

    /** Deletes the upload's row; false if it was gone already. */
    boolean delete(String id) {
        return jdbc.sql("DELETE FROM media WHERE id = ?").param(id).update() > 0;
    }

    /** Any upload of these bytes, by anyone. */
    Optional<Row> anyWithContent(String contentHash) {
        return jdbc
                .sql("SELECT " + COLUMNS + " FROM media WHERE content_hash = ? ORDER BY created_at")
                .param(contentHash)
                .query(StoredImages::row)
                .list()
                .stream()
                .findFirst();
    }

    /**
     * Locks the content's row until the transaction ends ({@code FOR UPDATE}), waiting for whoever holds it; false if
     * there is none (never stored, or deleted by the sweep that held it).
     */
    boolean lockContent(String contentHash) {
        return jdbc.sql("SELECT content_hash FROM media_contents WHERE content_hash = ? FOR UPDATE")
                .param(contentHash)
                .query(String.class)
                .optional()
                .isPresent();
    }

    /** Adds the content's row, locked until the transaction ends; a duplicate key if another upload added it first. */
    void addContent(String contentHash) {
        jdbc.sql("INSERT INTO media_contents (content_hash) VALUES (?)")
                .param(contentHash)
                .update();
    }

    void deleteContent(String contentHash) {
        jdbc.sql("DELETE FROM media_contents WHERE content_hash = ?")
                .param(contentHash)
                .update();
    }

    private static Row row(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
        return new Row(
                new StoredImage(
                        rs.getString("id"),
                        rs.getLong("uploader_id"),
                        rs.getString("purpose"),
                        rs.getString("content_type"),
                        rs.getInt("width"),
                        rs.getInt("height"),
                        rs.getLong("bytes"),
                        rs.getLong("created_at")),
                rs.getString("content_hash"));
    }
}
