-- message: which messages show which image, apart from the messages table. An index on messages.media_id took an
-- entry (NULL for all but images) for every message stored, one more B-tree written per send; this table is
-- written only for image messages. Image grants (members of a conversation that shows an image may load it) read it.
CREATE TABLE image_messages (
    media_id        VARCHAR(32) NOT NULL,
    message_id      BIGINT      NOT NULL,
    conversation_id BIGINT      NOT NULL,
    PRIMARY KEY (media_id, message_id)
);
INSERT INTO image_messages (media_id, message_id, conversation_id)
    SELECT media_id, id, conversation_id FROM messages WHERE media_id IS NOT NULL;
DROP INDEX messages_media;
