package dev.parley.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One conversation as a member sees it in their list.
 *
 * @param kind {@code direct} or {@code group}
 * @param title a group's name
 * @param avatarId a group's avatar (a media id)
 * @param role for a group, the member's role: {@code owner}, {@code admin} or {@code member}
 * @param active false once the member left or was removed (or the group was dissolved): they keep what they could
 *     read, and nothing after
 * @param lastSeq the latest {@code seq} the member may read; a client that has less fetches the rest
 * @param readSeq this member's read cursor
 * @param clearedSeq history up to here is hidden from this member (cleared, or from before they joined)
 * @param unread messages after the read cursor ({@code lastSeq - readSeq}); a member's own send moves their read
 *     cursor to it, so none of these are their own (see docs/protocol.md, "Unread")
 * @param mentioned whether an unread message mentions the member (or everyone)
 * @param pinned whether the member pinned it to the top of their list
 * @param muted whether the member muted it: it counts in no badge and notifies nobody
 * @param peerId for a direct conversation, the other user
 * @param peerReadSeq for a direct conversation, how far the other user has read
 * @param peerDeliveredSeq for a direct conversation, how far the other user's devices have received
 * @param lastMessage the latest message not hidden from this member, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationSummary(
        long id,
        String kind,
        @Nullable String title,
        @Nullable String avatarId,
        @Nullable String role,
        boolean active,
        long lastSeq,
        long readSeq,
        long clearedSeq,
        long unread,
        boolean mentioned,
        boolean pinned,
        boolean muted,
        @Nullable Long peerId,
        @Nullable Long peerReadSeq,
        @Nullable Long peerDeliveredSeq,
        @Nullable LastMessage lastMessage,
        long createdAt) {

    /** A preview of the latest message, enough for the conversation list. */
    public record LastMessage(long id, long seq, long senderId, String kind, String preview, long createdAt) {}
}
