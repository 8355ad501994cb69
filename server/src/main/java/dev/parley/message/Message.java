package dev.parley.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stored message: its server id, its place ({@code seq}) in its conversation, and its content: a text, an image
 * (with an optional caption in {@code body}), a system event ({@code body} is a JSON object, see docs/protocol.md), or
 * what is left of a recalled message.
 *
 * @param replyTo the message this one quotes
 * @param forwarded true if the content was forwarded from another message
 * @param mentions the members this message mentions
 * @param mentionAll true if it mentions every member
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
        @Nullable Reply replyTo,
        @Nullable Boolean forwarded,
        @Nullable List<Long> mentions,
        @Nullable Boolean mentionAll,
        long createdAt) {

    public static final String TEXT = "text";
    public static final String IMAGE = "image";
    public static final String SYSTEM = "system";
    /** A message its sender recalled: everyone sees this tombstone instead. */
    public static final String RECALLED = "recalled";
    /** A message the reader deleted for themselves: only its place in the log is left, for them. */
    public static final String DELETED = "deleted";

    /** The image an image message shows, with its size for layout before it loads. */
    public record Media(String id, int width, int height) {}

    /** The message a reply quotes, by id and seq. */
    public record Reply(long id, long seq) {}

    /** What is left of this message for a reader who deleted it. */
    Message deletedForReader() {
        return new Message(
                id, conversationId, seq, senderId, clientMsgId, DELETED, "", null, null, null, null, null, createdAt);
    }
}
