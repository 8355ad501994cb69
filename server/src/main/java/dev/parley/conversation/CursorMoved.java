package dev.parley.conversation;

/** A member's read or delivered cursor moved forward; the members' devices are told as a receipt. */
public record CursorMoved(long conversationId, long userId, Cursor cursor, long seq) {

    public enum Cursor {
        DELIVERED,
        READ
    }
}
