-- social: friend requests, friendships (one row per side, each with that side's private remark) and blocks.
-- H2 counts VARCHAR lengths in UTF-16 units, so the greeting (100 code points) and remark (32) get twice that.

-- Only pending requests are kept; one per pair of users, whichever way it goes (user_low < user_high).
CREATE TABLE friend_requests (
    id           BIGINT PRIMARY KEY,
    from_user_id BIGINT       NOT NULL REFERENCES users (id),
    to_user_id   BIGINT       NOT NULL REFERENCES users (id),
    user_low     BIGINT       NOT NULL,
    user_high    BIGINT       NOT NULL,
    greeting     VARCHAR(200) NOT NULL,
    created_at   BIGINT       NOT NULL,
    CONSTRAINT friend_requests_pair UNIQUE (user_low, user_high)
);
CREATE INDEX friend_requests_to ON friend_requests (to_user_id);
CREATE INDEX friend_requests_from ON friend_requests (from_user_id);

CREATE TABLE friendships (
    user_id    BIGINT NOT NULL REFERENCES users (id),
    friend_id  BIGINT NOT NULL REFERENCES users (id),
    remark     VARCHAR(64),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, friend_id)
);

CREATE TABLE blocks (
    user_id    BIGINT NOT NULL REFERENCES users (id),
    blocked_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, blocked_id)
);
CREATE INDEX blocks_blocked ON blocks (blocked_id);
