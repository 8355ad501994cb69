-- conversation: each member's read and delivered cursors in a table of their own, narrow and with no index but its
-- key. The cursor batches write them for every receipt, and the message writer writes a sender's read cursor
-- whenever someone else follows them in a conversation; H2 rewrites every index entry of a row it updates, and the
-- members row is wide, kept as its rows, its key's index and members_user: three B-trees for every cursor moved
-- where this table has two, with rows a quarter as wide (docs/benchmarks.md, 2026-12-02). A member's row and theirs
-- are written together (ConversationRows.insertMember and join), and members are never deleted.
CREATE TABLE member_cursors (
    conversation_id BIGINT NOT NULL,
    user_id         BIGINT NOT NULL,
    read_seq        BIGINT NOT NULL DEFAULT 0,
    delivered_seq   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
);
INSERT INTO member_cursors (conversation_id, user_id, read_seq, delivered_seq)
    SELECT conversation_id, user_id, read_seq, delivered_seq FROM members;
ALTER TABLE members DROP COLUMN read_seq;
ALTER TABLE members DROP COLUMN delivered_seq;
