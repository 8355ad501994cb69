-- profile: what a user shows others, and the code behind their add-friend QR code
CREATE TABLE profiles (
    user_id              BIGINT PRIMARY KEY REFERENCES users (id),
    nickname             VARCHAR(64),
    nickname_key         VARCHAR(64),
    status               VARCHAR(140),
    avatar_id            VARCHAR(64),
    findable_by_nickname BOOLEAN NOT NULL DEFAULT TRUE,
    add_code             VARCHAR(32),
    updated_at           BIGINT  NOT NULL,
    CONSTRAINT profiles_add_code UNIQUE (add_code)
);
CREATE INDEX profiles_nickname_key ON profiles (nickname_key);
