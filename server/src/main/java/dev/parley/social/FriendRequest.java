package dev.parley.social;

/** A friend request waiting for an answer. */
record FriendRequest(long id, long fromUserId, long toUserId, String greeting, long createdAt) {

    /** The user at the other end of the request, seen from {@code userId}. */
    long other(long userId) {
        return userId == fromUserId ? toUserId : fromUserId;
    }
}
