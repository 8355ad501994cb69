package dev.parley.message;

/** A stored message: its server id, its place ({@code seq}) in its conversation, and its content. */
public record Message(
        long id,
        long conversationId,
        long seq,
        long senderId,
        String clientMsgId,
        String kind,
        String body,
        long createdAt) {

    public static final String TEXT = "text";
}
