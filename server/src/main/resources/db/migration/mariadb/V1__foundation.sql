-- Times are epoch milliseconds (BIGINT): portable across H2, PostgreSQL and MariaDB, and cheap to compare.
-- utf8mb4 with binary collation: any Unicode (emoji included) is stored byte-for-byte; usernames are lower-cased
-- by the application before they are stored or compared.

-- account
CREATE TABLE users (
    id            BIGINT PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    created_at    BIGINT       NOT NULL,
    CONSTRAINT users_username UNIQUE (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE device_sessions (
    id           BIGINT PRIMARY KEY,
    user_id      BIGINT      NOT NULL,
    token_hash   VARCHAR(64) NOT NULL,
    device_name  VARCHAR(64) NOT NULL,
    created_at   BIGINT      NOT NULL,
    last_seen_at BIGINT      NOT NULL,
    CONSTRAINT device_sessions_token UNIQUE (token_hash),
    CONSTRAINT device_sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
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
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE members (
    conversation_id BIGINT NOT NULL,
    user_id         BIGINT NOT NULL,
    joined_seq      BIGINT NOT NULL DEFAULT 0,
    read_seq        BIGINT NOT NULL DEFAULT 0,
    delivered_seq   BIGINT NOT NULL DEFAULT 0,
    cleared_seq     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id),
    CONSTRAINT members_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id),
    CONSTRAINT members_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX members_user ON members (user_id);

-- message
CREATE TABLE messages (
    id              BIGINT PRIMARY KEY,
    conversation_id BIGINT      NOT NULL,
    seq             BIGINT      NOT NULL,
    sender_id       BIGINT      NOT NULL,
    client_msg_id   VARCHAR(64) NOT NULL,
    kind            VARCHAR(16) NOT NULL,
    body            MEDIUMTEXT  NOT NULL,
    created_at      BIGINT      NOT NULL,
    CONSTRAINT messages_conversation_seq UNIQUE (conversation_id, seq),
    CONSTRAINT messages_client_msg_id UNIQUE (client_msg_id, sender_id),
    CONSTRAINT messages_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
