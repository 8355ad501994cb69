package dev.parley.message;

import dev.parley.account.UserDirectory;
import dev.parley.conversation.ConversationRefusals;
import dev.parley.conversation.Conversations;
import dev.parley.media.MediaLibrary;
import dev.parley.shared.KeyedBuckets;
import dev.parley.shared.Refusal;
import dev.parley.shared.Texts;
import dev.parley.social.Friendships;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Sending a message: checks the sender may post and the message is acceptable, de-duplicates on
 * (sender, clientMsgId), limits how fast one user may send, and hands the send to the group-commit writer. The returned future completes
 * with the stored message only after it is committed; a retry of the same clientMsgId gets the same
 * message (and the same future while the first attempt is still in flight).
 */
@Service
public class MessageSending {

    private static final long[] NOBODY = new long[0];
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

        /** A copy of a text or image message the sender can read, marked as forwarded. */
        record Forward(long messageId) implements Content {}
    }

    /**
     * What a message may add to its content: the message it replies to (in the same conversation), and the members it
     * mentions (in a group; everyone only for its owner and admins).
     */
    public record Options(
            @Nullable Long replyToId, @Nullable List<Long> mentions, boolean mentionAll) {

        public static final Options NONE = new Options(null, null, false);

        /** Neither a reply nor mentions. */
        boolean plain() {
            return replyToId == null && (mentions == null || mentions.isEmpty()) && !mentionAll;
        }
    }

    private static final int MAX_MENTIONS = 100;

    private final MessageWriter writer;
    private final MessageStore store;
    private final Conversations conversations;
    private final UserDirectory users;
    private final MediaLibrary images;
    private final Friendships friendships;
    private final int maxLength;
    private final Duration recallWindow;
    /** Sends handed to the writer and not yet stored: a retry meanwhile gets the same future. */
    private final ConcurrentHashMap<MessageWriter.Key, CompletableFuture<Message>> inFlight = new ConcurrentHashMap<>();

    private final RecentSends recent = new RecentSends(1 << 20);
    private final KeyedBuckets<Long> rates;

    MessageSending(
            MessageWriter writer,
            MessageStore store,
            Conversations conversations,
            UserDirectory users,
            MediaLibrary images,
            Friendships friendships,
            MessageSettings settings) {
        this.writer = writer;
        this.store = store;
        this.images = images;
        this.conversations = conversations;
        this.users = users;
        this.friendships = friendships;
        this.maxLength = settings.maxLength();
        this.recallWindow = settings.recallWindow();
        this.rates = new KeyedBuckets<>(
                KeyedBuckets.perSecond(settings.ratePerSecond(), settings.rateBurst()), Duration.ofMinutes(5));
    }

    /**
     * Sends a message from {@code senderId} through {@code origin}, an id of the connection it came from, which gets
     * the acknowledgement instead of a push (0: none). Blocks only to resolve the target on a cache miss;
     * the returned future completes after the commit.
     *
     * @throws dev.parley.shared.Refusal for a target the sender may not post to, or an unacceptable message
     * @throws dev.parley.social.NotFriends for a one-to-one message to someone the sender may not message
     */
    public CompletableFuture<Message> send(
            long senderId, long origin, Target target, String clientMsgId, Content content) {
        return send(senderId, origin, target, clientMsgId, content, Options.NONE);
    }

    /**
     * Sends a message with a reply, mentions or both; see {@link #send(long, long, Target, String, Content)}.
     *
     * @throws MessageRefusals.UnknownMessage if the reply or the forward names a message the sender cannot read
     */
    public CompletableFuture<Message> send(
            long senderId, long origin, Target target, String clientMsgId, Content content, Options options) {
        requireValid(clientMsgId);
        var retried = retried(senderId, clientMsgId);
        if (retried != null) {
            return retried;
        }
        if (content instanceof Content.Forward forward) {
            var original = readable(senderId, forward.messageId());
            content = switch (original.kind()) {
                case Message.TEXT -> new Content.Text(original.body());
                case Message.IMAGE -> new Content.Image(original.media().id(), original.body());
                default -> throw new MessageRefusals.UnknownMessage();
            };
            return send(senderId, origin, target, clientMsgId, content, options, true);
        }
        return send(senderId, origin, target, clientMsgId, content, options, false);
    }

    /**
     * The same send as {@link #send(long, long, Target, String, Content, Options)}, checked and queued without
     * blocking, for an event loop: a text without a reply or mentions, to a conversation whose kind and members are
     * cached (and, for a direct one, whether its two may message each other). For anything else (a cache miss, an
     * image, a reply, mentions, a client id sent lately that must be looked up in the log) it returns null before it
     * changes anything, and the caller makes the send from a thread that may block. Saves the send its hop to a
     * virtual thread and back (docs/benchmarks.md).
     *
     * @throws dev.parley.shared.Refusal as {@code send} would
     */
    public @Nullable CompletableFuture<Message> sendWithoutBlocking(
            long senderId, long origin, Target target, String clientMsgId, Content content, Options options) {
        if (!(target instanceof Target.Conversation(long conversationId))
                || !(content instanceof Content.Text)
                || !options.plain()) {
            return null;
        }
        requireValid(clientMsgId);
        var pending = inFlight.get(new MessageWriter.Key(senderId, clientMsgId));
        if (pending != null) {
            return pending;
        }
        if (recent.mayContain(senderId, clientMsgId)) {
            return null;
        }
        var conversation = conversations.cached(conversationId);
        if (conversation == null) {
            return null;
        }
        try {
            conversation.requireMember(senderId);
            var peer = conversation.directPeer(senderId);
            if (peer.isPresent() && !friendships.requireMayMessageIfCached(senderId, peer.getAsLong())) {
                return null;
            }
        } catch (Refusal refused) {
            checkedBodyWithinRate(senderId, content); // a refused send costs a token here as on the blocking send
            throw refused;
        }
        var body = checkedBodyWithinRate(senderId, content);
        return submit(senderId, origin, conversationId, clientMsgId, draft(body, null, null, false, null, false));
    }

    private CompletableFuture<Message> send(
            long senderId,
            long origin,
            Target target,
            String clientMsgId,
            Content content,
            Options options,
            boolean forwarded) {
        var body = checkedBodyWithinRate(senderId, content);
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

        Message.Reply replyTo = null;
        if (options.replyToId() != null) {
            var quoted = readable(senderId, options.replyToId());
            if (quoted.conversationId() != conversationId || Message.SYSTEM.equals(quoted.kind())) {
                throw new MessageRefusals.UnknownMessage();
            }
            replyTo = new Message.Reply(quoted.id(), quoted.seq());
        }
        var mentions = mentions(senderId, conversationId, options);
        return submit(
                senderId,
                origin,
                conversationId,
                clientMsgId,
                draft(body, attached, replyTo, forwarded, mentions, options.mentionAll()));
    }

    private static void requireValid(String clientMsgId) {
        if (clientMsgId == null || !CLIENT_MSG_ID.matcher(clientMsgId).matches()) {
            throw new MessageRefusals.InvalidClientMsgId();
        }
    }

    /**
     * The text a message will carry (an image's caption), after checking it is acceptable and taking one of the
     * sender's rate tokens.
     */
    private String checkedBodyWithinRate(long senderId, Content content) {
        var body = switch (content) {
            case Content.Text text -> {
                if (text.body() == null || text.body().isBlank()) {
                    throw new MessageRefusals.EmptyMessage();
                }
                yield text.body();
            }
            case Content.Image image -> image.caption() == null ? "" : image.caption();
            case Content.Forward forward -> throw new IllegalArgumentException("resolved by the caller");
        };
        if (Texts.longerThan(body, maxLength)) {
            throw new MessageRefusals.MessageTooLong(maxLength);
        }
        if (body.indexOf('\u0000') >= 0) {
            throw new MessageRefusals.InvalidText();
        }
        if (!rates.tryConsume(senderId)) {
            throw new MessageRefusals.RateLimited();
        }
        return body;
    }

    private static MessageWriter.Draft draft(
            String body,
            Message.@Nullable Media attached,
            Message.@Nullable Reply replyTo,
            boolean forwarded,
            @Nullable List<Long> mentions,
            boolean mentionAll) {
        var kind = attached == null ? Message.TEXT : Message.IMAGE;
        var preview = attached == null ? body : ("[image] " + body).strip();
        return new MessageWriter.Draft(kind, body, attached, replyTo, forwarded, mentions, mentionAll, preview);
    }

    /** Hands a checked send to the writer, or answers it with the future of the same send already in flight. */
    private CompletableFuture<Message> submit(
            long senderId, long origin, long conversationId, String clientMsgId, MessageWriter.Draft draft) {
        var key = new MessageWriter.Key(senderId, clientMsgId);
        var result = new CompletableFuture<Message>();
        var earlier = inFlight.putIfAbsent(key, result);
        if (earlier != null) {
            return earlier;
        }
        result.whenComplete((message, failure) -> {
            if (failure == null) {
                recent.add(senderId, clientMsgId);
            }
            inFlight.remove(key, result);
        });
        writer.submit(
                new MessageWriter.Pending(senderId, origin, conversationId, clientMsgId, draft, null, NOBODY, result));
        return result;
    }

    /**
     * The answer to a send that repeats one in flight (its future) or one stored lately (the stored message), or null
     * for a new send. A send stored long ago that comes back is not caught here: the log's unique index refuses its
     * copy and the writer then answers it with the stored one.
     */
    private @Nullable CompletableFuture<Message> retried(long senderId, String clientMsgId) {
        var pending = inFlight.get(new MessageWriter.Key(senderId, clientMsgId));
        if (pending != null) {
            return pending;
        }
        if (!recent.mayContain(senderId, clientMsgId)) {
            return null;
        }
        return store.byClientMsgIds(List.of(clientMsgId)).stream()
                .filter(stored -> stored.senderId() == senderId)
                .findFirst()
                .map(CompletableFuture::completedFuture)
                .orElse(null);
    }

    /** How long after sending a sender may recall a message. */
    public Duration recallWindow() {
        return recallWindow;
    }

    /** The message, if the user can read it (it is in what they may see of its conversation). */
    Message readable(long userId, long messageId) {
        var message = store.byId(messageId).orElseThrow(MessageRefusals.UnknownMessage::new);
        Conversations.Visible visible;
        try {
            visible = conversations.visibility(message.conversationId(), userId);
        } catch (ConversationRefusals.NotAMember outsider) {
            throw new MessageRefusals.UnknownMessage(); // the same answer as for a message that does not exist
        }
        if (!visible.contains(message.seq())) {
            throw new MessageRefusals.UnknownMessage();
        }
        return message;
    }

    /** The distinct mentioned members, after checking the sender may mention them. */
    private @Nullable List<Long> mentions(long senderId, long conversationId, Options options) {
        boolean some = options.mentions() != null && !options.mentions().isEmpty();
        if (!some && !options.mentionAll()) {
            return null;
        }
        if (!conversations.isGroup(conversationId)) {
            throw new MessageRefusals.InvalidMention("Mentions are for groups");
        }
        if (options.mentionAll()) {
            var role = conversations.role(conversationId, senderId);
            if (!Conversations.OWNER.equals(role) && !Conversations.ADMIN.equals(role)) {
                throw new MessageRefusals.MentionAllNotAllowed();
            }
        }
        if (!some) {
            return null;
        }
        var distinct = options.mentions().stream().distinct().toList();
        if (distinct.size() > MAX_MENTIONS) {
            throw new MessageRefusals.InvalidMention("A message mentions at most " + MAX_MENTIONS + " members");
        }
        for (long mentioned : distinct) {
            if (!conversations.isMember(conversationId, mentioned)) {
                throw new MessageRefusals.InvalidMention("User " + mentioned + " is not a member of this group");
            }
        }
        return distinct;
    }
}
