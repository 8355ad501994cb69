-- social: friend requests, friendships (one row per side, each with that side's private remark) and blocks.
-- Lengths are in characters: the greeting is at most 100 code points, a remark 32 (the columns leave room).

-- Only pending requests are kept; one per pair of users, whichever way it goes (user_low < user_high).
CREATE TABLE friend_requests (
    id           BIGINT PRIMARY KEY,
    from_user_id BIGINT       NOT NULL,
    to_user_id   BIGINT       NOT NULL,
    user_low     BIGINT       NOT NULL,
    user_high    BIGINT       NOT NULL,
    greeting     VARCHAR(200) NOT NULL,
    created_at   BIGINT       NOT NULL,
    CONSTRAINT friend_requests_pair UNIQUE (user_low, user_high),
    CONSTRAINT friend_requests_from_fk FOREIGN KEY (from_user_id) REFERENCES users (id),
    CONSTRAINT friend_requests_to_fk FOREIGN KEY (to_user_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX friend_requests_to ON friend_requests (to_user_id);
CREATE INDEX friend_requests_from ON friend_requests (from_user_id);

CREATE TABLE friendships (
    user_id    BIGINT NOT NULL,
    friend_id  BIGINT NOT NULL,
    remark     VARCHAR(64),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, friend_id),
    CONSTRAINT friendships_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT friendships_friend_fk FOREIGN KEY (friend_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE blocks (
    user_id    BIGINT NOT NULL,
    blocked_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, blocked_id),
    CONSTRAINT blocks_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT blocks_blocked_fk FOREIGN KEY (blocked_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX blocks_blocked ON blocks (blocked_id);
