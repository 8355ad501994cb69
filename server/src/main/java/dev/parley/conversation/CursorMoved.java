package dev.parley.conversation;

/** A member's read or delivered cursor moved forward; those who need it are told with a receipt (protocol §5.5). */
public record CursorMoved(long conversationId, long userId, Cursor cursor, long seq) {

    public enum Cursor {
        DELIVERED,
        READ
    }
}
