package dev.parley.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One conversation as a member sees it in their list.
 *
 * @param lastSeq the conversation's latest {@code seq}; a client that has less fetches the rest
 * @param readSeq this member's read cursor
 * @param clearedSeq history up to here is hidden from this member
 * @param unread messages after the read cursor ({@code lastSeq - max(readSeq, clearedSeq)}); a member's own
 *     send moves their read cursor to it, so none of these are their own (see docs/protocol.md, "Unread")
 * @param peerId for a direct conversation, the other user
 * @param peerReadSeq for a direct conversation, how far the other user has read
 * @param peerDeliveredSeq for a direct conversation, how far the other user's devices have received
 * @param lastMessage the latest message not hidden from this member, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationSummary(
        long id,
        String kind,
        long lastSeq,
        long readSeq,
        long clearedSeq,
        long unread,
        Long peerId,
        Long peerReadSeq,
        Long peerDeliveredSeq,
        LastMessage lastMessage,
        long createdAt) {

    /** A preview of the latest message, enough for the conversation list. */
    public record LastMessage(long id, long seq, long senderId, String kind, String preview, long createdAt) {}
}
