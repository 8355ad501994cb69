package dev.parley.message;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.account.UserDirectory;
import dev.parley.conversation.Conversations;
import dev.parley.media.MediaLibrary;
import dev.parley.shared.KeyedBuckets;
import dev.parley.shared.Texts;
import dev.parley.social.Friendships;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Sending a message: checks the sender may post and the message is acceptable, de-duplicates on
 * (sender, clientMsgId), limits how fast one user may send, and hands the send to the group-commit writer. The returned future completes
 * with the stored message only after it is committed; a retry of the same clientMsgId gets the same
 * message (and the same future while the first attempt is still in flight).
 */
@Service
public class MessageSending {

    private static final Pattern CLIENT_MSG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Where a message goes: an existing conversation, or the direct conversation with a user. */
    public sealed interface Target {
        record Conversation(long conversationId) implements Target {}

        record User(long userId) implements Target {}
    }

    /** What a message says: a text, or an image with an optional caption. */
    public sealed interface Content {
        record Text(String body) implements Content {}

        /** An uploaded image the sender may read, by its media id. */
        record Image(String mediaId, String caption) implements Content {}
    }

    private final MessageWriter writer;
    private final Conversations conversations;
    private final UserDirectory users;
    private final MediaLibrary images;
    private final Friendships friendships;
    private final int maxLength;
    private final Cache<MessageWriter.Key, CompletableFuture<Message>> recent;
    private final KeyedBuckets<Long> rates;

    MessageSending(
            MessageWriter writer,
            Conversations conversations,
            UserDirectory users,
            MediaLibrary images,
            Friendships friendships,
            MessageSettings settings) {
        this.writer = writer;
        this.images = images;
        this.conversations = conversations;
        this.users = users;
        this.friendships = friendships;
        this.maxLength = settings.maxLength();
        this.recent = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .build();
        this.rates = new KeyedBuckets<>(
                KeyedBuckets.perSecond(settings.ratePerSecond(), settings.rateBurst()), Duration.ofMinutes(5));
    }

    /**
     * Sends a text message from {@code senderId}'s device {@code deviceId}. Blocks only to resolve the target on a cache miss;
     * the returned future completes after the commit.
     *
     * @throws dev.parley.shared.Refusal for a target the sender may not post to, or an unacceptable message
     * @throws dev.parley.social.NotFriends for a one-to-one message to someone the sender may not message
     */
    public CompletableFuture<Message> send(
            long senderId, long deviceId, Target target, String clientMsgId, Content content) {
        if (clientMsgId == null || !CLIENT_MSG_ID.matcher(clientMsgId).matches()) {
            throw new MessageRefusals.InvalidClientMsgId();
        }
        var body = switch (content) {
            case Content.Text text -> {
                if (text.body() == null || text.body().isBlank()) {
                    throw new MessageRefusals.EmptyMessage();
                }
                yield text.body();
            }
            case Content.Image image -> image.caption() == null ? "" : image.caption();
        };
        if (Texts.longerThan(body, maxLength)) {
            throw new MessageRefusals.MessageTooLong(maxLength);
        }
        if (body.indexOf('\u0000') >= 0) {
            throw new MessageRefusals.InvalidText();
        }
        var key = new MessageWriter.Key(senderId, clientMsgId);
        var retried = recent.getIfPresent(key);
        if (retried != null) {
            return retried;
        }
        if (!rates.tryConsume(senderId)) {
            throw new MessageRefusals.RateLimited();
        }
        long conversationId = switch (target) {
            case Target.Conversation c -> {
                conversations.requireMember(c.conversationId(), senderId);
                var peer = conversations.directPeer(c.conversationId(), senderId);
                if (peer.isPresent()) {
                    friendships.requireMayMessage(senderId, peer.getAsLong());
                }
                yield c.conversationId();
            }
            case Target.User u -> {
                long peer = users.byId(u.userId()).id();
                if (peer != senderId) {
                    friendships.requireMayMessage(senderId, peer);
                }
                yield conversations.direct(senderId, peer);
            }
        };
        Message.Media attached = null;
        if (content instanceof Content.Image image) {
            attached = images.find(image.mediaId() == null ? "" : image.mediaId())
                    .filter(found -> images.mayRead(senderId, found.id()))
                    .map(found -> new Message.Media(found.id(), found.width(), found.height()))
                    .orElseThrow(MessageRefusals.UnknownImage::new);
        }

        var result = new CompletableFuture<Message>();
        var earlier = recent.asMap().putIfAbsent(key, result);
        if (earlier != null) {
            return earlier;
        }
        result.whenComplete((message, failure) -> {
            if (failure != null) {
                recent.asMap().remove(key, result);
            }
        });
        writer.submit(new MessageWriter.Pending(
                senderId,
                deviceId,
                conversationId,
                clientMsgId,
                attached == null ? Message.TEXT : Message.IMAGE,
                body,
                attached,
                result));
        return result;
    }
}
