package dev.parley.client;

import java.util.List;

/** The values the server sends, as records. */
public final class Model {

    private Model() {}

    public record Account(long id, String username) {}

    /** A logged-in device: the token authenticates it on REST and WebSocket. */
    public record Session(String token, long userId, long deviceId, String username) {}

    public record User(long id, String username) {}

    public record Device(long id, String name, long createdAt, long lastSeenAt, boolean current) {}

    public record LastMessage(long id, long seq, long senderId, String kind, String preview, long createdAt) {}

    /** A conversation as one member sees it in their list (see docs/protocol.md, "The conversation summary"). */
    public record Conversation(
            long id,
            String kind,
            String title,
            String avatarId,
            String role,
            boolean active,
            long lastSeq,
            long readSeq,
            long clearedSeq,
            long unread,
            boolean mentioned,
            boolean pinned,
            boolean muted,
            Long peerId,
            Long peerReadSeq,
            Long peerDeliveredSeq,
            LastMessage lastMessage,
            long createdAt) {}

    /**
     * A message; {@code media} is set for an image message ({@code kind} "image"), whose body is its caption. A
     * {@code system} message's body is a JSON object with its {@code event}.
     */
    public record Message(
            long id,
            long conversationId,
            long seq,
            long senderId,
            String clientMsgId,
            String kind,
            String body,
            Media media,
            Reply replyTo,
            Boolean forwarded,
            List<Long> mentions,
            Boolean mentionAll,
            long createdAt) {

        /** A text message with nothing else, as a test or a generator builds one. */
        public Message(
                long id,
                long conversationId,
                long seq,
                long senderId,
                String clientMsgId,
                String kind,
                String body,
                Media media,
                long createdAt) {
            this(id, conversationId, seq, senderId, clientMsgId, kind, body, media, null, null, null, null, createdAt);
        }
    }

    /** The message a reply quotes. */
    public record Reply(long id, long seq) {}

    /** A group as its members see it. */
    public record Group(
            long id,
            String name,
            String avatarId,
            String announcement,
            long ownerId,
            List<GroupMember> members,
            int maxMembers,
            boolean dissolved,
            long createdAt) {}

    public record GroupMember(long userId, String role) {}

    /** A group invite link. */
    public record Invite(String token, long groupId, long createdBy, long createdAt, long expiresAt, String link) {}

    public record InvitePreview(
            String token, long groupId, String name, String avatarId, int memberCount, long expiresAt) {}

    /** Who of a group's members has read a message. */
    public record ReadState(long conversationId, long seq, List<Long> readBy, List<Long> unreadBy) {}

    public record SearchResults(List<Message> messages, Long nextBefore) {}

    public record Presence(long userId, boolean online, Long lastSeenAt) {}

    /** The image of an image message, with its size for layout. */
    public record Media(String id, int width, int height) {}

    /** An uploaded image, with signed URLs of its variants (valid for a limited time). */
    public record Image(
            String id, String purpose, String contentType, int width, int height, long bytes, ImageUrls urls) {}

    public record ImageUrls(String original, String view, String thumbnail) {}

    public record Page(List<Message> messages, boolean hasMore) {}

    /** A member's read or delivered cursor moved. */
    public record Receipt(long conversationId, long userId, String cursor, long seq) {}

    public record Cursor(long conversationId, long seq) {}

    /** What anyone logged in may see of a user; nickname, status and avatarId may be null. */
    public record Profile(long userId, String username, String nickname, String status, String avatarId) {}

    /** A user's own profile, with their privacy setting. */
    public record MyProfile(Profile profile, boolean findableByNickname) {}

    public record SearchPage(List<Profile> users, Integer nextPage) {}

    /** A user's add-friend code and the link their QR code carries. */
    public record AddCode(String code, String link) {}

    /** The text of a QR code found in a photo, and the profile it adds when it is an add-friend link. */
    public record DecodedQr(String text, Profile profile) {}

    /**
     * A friend request. {@code status} is {@code pending}, or {@code accepted} when the answer to a send says
     * that it accepted the other user's request to the sender.
     */
    public record FriendRequest(
            long id, long fromUserId, long toUserId, String greeting, long createdAt, String status) {}

    /** A friend in the contacts book; {@code remark} is the owner's private name for them. */
    public record Contact(
            long userId,
            String username,
            String nickname,
            String status,
            String avatarId,
            String remark,
            String displayName,
            String initial,
            long since) {}

    /** A user the caller blocked. */
    public record BlockedUser(long userId, String username, String nickname, String avatarId, long blockedAt) {}
}
