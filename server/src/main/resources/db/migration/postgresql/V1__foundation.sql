-- Times are epoch milliseconds (BIGINT): portable across H2, PostgreSQL and MySQL, and cheap to compare.

-- account
CREATE TABLE users (
    id            BIGINT PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    created_at    BIGINT       NOT NULL,
    CONSTRAINT users_username UNIQUE (username)
);

CREATE TABLE device_sessions (
    id           BIGINT PRIMARY KEY,
    user_id      BIGINT      NOT NULL REFERENCES users (id),
    token_hash   VARCHAR(64) NOT NULL,
    device_name  VARCHAR(64) NOT NULL,
    created_at   BIGINT      NOT NULL,
    last_seen_at BIGINT      NOT NULL,
    CONSTRAINT device_sessions_token UNIQUE (token_hash)
);
CREATE INDEX device_sessions_user ON device_sessions (user_id);

-- conversation
CREATE TABLE conversations (
    id              BIGINT PRIMARY KEY,
    kind            VARCHAR(16) NOT NULL,
    direct_key      VARCHAR(48),
    created_at      BIGINT      NOT NULL,
    last_seq        BIGINT      NOT NULL DEFAULT 0,
    last_message_id BIGINT,
    last_sender_id  BIGINT,
    last_kind       VARCHAR(16),
    last_preview    VARCHAR(200),
    last_message_at BIGINT,
    CONSTRAINT conversations_direct_key UNIQUE (direct_key)
);

CREATE TABLE members (
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    user_id         BIGINT NOT NULL REFERENCES users (id),
    joined_seq      BIGINT NOT NULL DEFAULT 0,
    read_seq        BIGINT NOT NULL DEFAULT 0,
    delivered_seq   BIGINT NOT NULL DEFAULT 0,
    cleared_seq     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX members_user ON members (user_id);

-- message
CREATE TABLE messages (
    id              BIGINT PRIMARY KEY,
    conversation_id BIGINT      NOT NULL REFERENCES conversations (id),
    seq             BIGINT      NOT NULL,
    sender_id       BIGINT      NOT NULL,
    client_msg_id   VARCHAR(64) NOT NULL,
    kind            VARCHAR(16) NOT NULL,
    body            TEXT NOT NULL,
    created_at      BIGINT      NOT NULL,
    CONSTRAINT messages_conversation_seq UNIQUE (conversation_id, seq),
    CONSTRAINT messages_client_msg_id UNIQUE (client_msg_id, sender_id)
);
