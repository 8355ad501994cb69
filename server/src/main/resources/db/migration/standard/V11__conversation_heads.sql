-- conversation: each conversation's last seq and last message in a table of their own, with no index but its key.
-- The message writer updates them at every message, and H2 rewrites every index entry of a row it updates, changed
-- or not (Table.updateRows): on the conversations row that was the unique direct_key and the avatar_id index too,
-- three B-tree pages per conversation in every commit where one will do (docs/benchmarks.md, 2026-12-02).
-- V10's comment, that an update leaving avatar_id as it was does not touch its index, was wrong for H2.
CREATE TABLE conversation_heads (
    conversation_id BIGINT PRIMARY KEY REFERENCES conversations (id),
    last_seq        BIGINT      NOT NULL DEFAULT 0,
    last_message_id BIGINT,
    last_sender_id  BIGINT,
    last_kind       VARCHAR(16),
    last_preview    VARCHAR(200),
    last_message_at BIGINT
);
INSERT INTO conversation_heads (conversation_id, last_seq, last_message_id, last_sender_id, last_kind, last_preview,
                                last_message_at)
    SELECT id, last_seq, last_message_id, last_sender_id, last_kind, last_preview, last_message_at FROM conversations;
ALTER TABLE conversations DROP COLUMN last_seq;
ALTER TABLE conversations DROP COLUMN last_message_id;
ALTER TABLE conversations DROP COLUMN last_sender_id;
ALTER TABLE conversations DROP COLUMN last_kind;
ALTER TABLE conversations DROP COLUMN last_preview;
ALTER TABLE conversations DROP COLUMN last_message_at;
