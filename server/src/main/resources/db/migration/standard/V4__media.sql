-- media: one row per upload; the bytes live in the media storage under <content_hash>/<variant>, shared by every
-- upload of the same bytes. Times are epoch milliseconds.
CREATE TABLE media (
    id           VARCHAR(32) PRIMARY KEY,
    uploader_id  BIGINT      NOT NULL,
    purpose      VARCHAR(16) NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    content_type VARCHAR(32) NOT NULL,
    width        INT         NOT NULL,
    height       INT         NOT NULL,
    bytes        BIGINT      NOT NULL,
    created_at   BIGINT      NOT NULL,
    CONSTRAINT media_upload UNIQUE (uploader_id, purpose, content_hash)
);
CREATE INDEX media_content_hash ON media (content_hash);
