-- message: an image message references an uploaded image (media.id) and carries its size for layout
ALTER TABLE messages ADD COLUMN media_id VARCHAR(32);
ALTER TABLE messages ADD COLUMN media_width INT;
ALTER TABLE messages ADD COLUMN media_height INT;
CREATE INDEX messages_media ON messages (media_id);
