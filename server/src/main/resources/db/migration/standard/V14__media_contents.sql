-- media: one row per content (the objects stored under <content_hash>/<variant>), which an upload using the bytes and
-- the sweep deleting them each lock for as long as they store or delete its objects: before it, a sweep that found no
-- upload of the bytes left could delete the objects while a new upload of the same bytes reused or stored them, and
-- the new upload showed nothing (MediaSweeper).
CREATE TABLE media_contents (
    content_hash VARCHAR(64) PRIMARY KEY
);
INSERT INTO media_contents (content_hash) SELECT DISTINCT content_hash FROM media;
