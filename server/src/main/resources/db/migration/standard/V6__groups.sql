-- conversation: a group has a title and an avatar; members have a role, may have left (left_seq: what they may
-- still read), may have been mentioned (mention_seq), pin, mute or delete (hidden_seq) the conversation
ALTER TABLE conversations ADD COLUMN title VARCHAR(64);
ALTER TABLE conversations ADD COLUMN avatar_id VARCHAR(64);
ALTER TABLE members ADD COLUMN role VARCHAR(8) DEFAULT 'member' NOT NULL;
ALTER TABLE members ADD COLUMN left_seq BIGINT;
ALTER TABLE members ADD COLUMN mention_seq BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE members ADD COLUMN pinned_at BIGINT;
ALTER TABLE members ADD COLUMN muted BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE members ADD COLUMN hidden_seq BIGINT;

-- message: replies, forwards, mentions (comma-separated user ids, "all" for everyone) and recalls
ALTER TABLE messages ADD COLUMN reply_to_id BIGINT;
ALTER TABLE messages ADD COLUMN reply_to_seq BIGINT;
ALTER TABLE messages ADD COLUMN forwarded BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE messages ADD COLUMN mentions VARCHAR(2000);
ALTER TABLE messages ADD COLUMN recalled_at BIGINT;

-- message: messages a user deleted for themselves
CREATE TABLE hidden_messages (
    user_id    BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, message_id)
);

-- group
CREATE TABLE group_chats (
    conversation_id BIGINT PRIMARY KEY REFERENCES conversations (id),
    announcement    VARCHAR(2000),
    created_by      BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    dissolved_at    BIGINT
);

CREATE TABLE group_invites (
    token           VARCHAR(32) PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    created_by      BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    revoked_at      BIGINT
);
CREATE INDEX group_invites_conversation ON group_invites (conversation_id);

-- presence
CREATE TABLE presence (
    user_id        BIGINT PRIMARY KEY REFERENCES users (id),
    last_seen_at   BIGINT,
    hide_last_seen BOOLEAN DEFAULT FALSE NOT NULL
);
