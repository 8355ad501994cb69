package dev.parley.gateway;

/**
 * A user's first connection on this node authenticated ({@code online}), or their last one closed. Published
 * synchronously, in the order it happened for each user.
 */
public record PresenceChanged(long userId, boolean online) {}
