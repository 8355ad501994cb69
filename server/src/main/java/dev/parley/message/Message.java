package dev.parley.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A stored message: its server id, its place ({@code seq}) in its conversation, and its content: a
 * text, or an image (with an optional caption in {@code body}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Message(
        long id,
        long conversationId,
        long seq,
        long senderId,
        String clientMsgId,
        String kind,
        String body,
        @Nullable Media media,
        long createdAt) {

    public static final String TEXT = "text";
    public static final String IMAGE = "image";

    /** The image an image message shows, with its size for layout before it loads. */
    public record Media(String id, int width, int height) {}
}
