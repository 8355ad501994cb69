package dev.parley.account;

/** The authenticated user behind a request or a connection, and the device session they use. */
public record Caller(long userId, long deviceId) {}
