package dev.parley.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.account.Caller;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.CursorMoved;
import dev.parley.message.Message;
import dev.parley.message.MessageSending;
import dev.parley.shared.Blocking;
import dev.parley.shared.Refusal;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Handles the frames of an authenticated connection: {@code send}, {@code delivered} and {@code read}. */
@Component
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final MessageSending sending;
    private final Conversations conversations;
    private final Frames frames;
    private final Blocking blocking;
    private final GatewayMetrics metrics;
    private final Pushes pushes;
    private final Cache<TypingKey, Boolean> typing;

    /** The shortest time between two typing pushes of one user in one conversation. */
    static final Duration TYPING_INTERVAL = Duration.ofSeconds(2);

    Dispatcher(
            MessageSending sending,
            Conversations conversations,
            Frames frames,
            Blocking blocking,
            GatewayMetrics metrics,
            Pushes pushes) {
        this.sending = sending;
        this.conversations = conversations;
        this.frames = frames;
        this.blocking = blocking;
        this.metrics = metrics;
        this.pushes = pushes;
        this.typing = Caffeine.newBuilder()
                .expireAfterWrite(TYPING_INTERVAL)
                .maximumSize(100_000)
                .build();
    }

    /**
     * Handles one frame. The returned Mono completes once the frame is accepted (for a send: queued
     * for storage), not when it is stored, so a connection can have many sends in flight while its
     * frames are still taken strictly in order.
     */
    Mono<Void> dispatch(Connection connection, Caller caller, String type, JsonNode frame, long receivedNanos) {
        return switch (type) {
            case "send" -> send(connection, caller, frame, receivedNanos);
            case "delivered" -> cursor(connection, caller, frame, false);
            case "read" -> cursor(connection, caller, frame, true);
            case "typing" -> typing(caller, frame);
            default -> Mono.error(new Frames.InvalidFrame("unknown_type", "Unknown frame type '" + type + "'"));
        };
    }

    private Mono<Void> send(Connection connection, Caller caller, JsonNode frame, long receivedNanos) {
        var id = Frames.id(frame);
        var clientMsgId = Frames.requiredString(frame, "clientMsgId");
        var content = content(frame);
        var options = new MessageSending.Options(
                Frames.has(frame, "replyToId") ? Frames.requiredLong(frame, "replyToId") : null,
                Frames.longs(frame, "mentions"),
                Frames.flag(frame, "mentionAll"));
        MessageSending.Target target;
        if (Frames.has(frame, "conversationId")) {
            target = new MessageSending.Target.Conversation(Frames.requiredLong(frame, "conversationId"));
        } else if (Frames.has(frame, "toUserId")) {
            target = new MessageSending.Target.User(Frames.requiredLong(frame, "toUserId"));
        } else {
            return Mono.error(new Frames.InvalidFrame("invalid_frame", "A send needs 'conversationId' or 'toUserId'"));
        }
        // most sends need nothing the caches lack, and are checked and queued right here on the event loop
        var queued =
                sending.sendWithoutBlocking(caller.userId(), connection.id(), target, clientMsgId, content, options);
        return (queued != null
                        ? Mono.just(queued)
                        : blocking.call(() ->
                                sending.send(caller.userId(), connection.id(), target, clientMsgId, content, options)))
                .doOnNext(stored -> stored.whenComplete((message, failure) -> {
                    if (failure == null) {
                        connection.send(frames.bytes(new Frames.Ack("ack", id, message)));
                        metrics.acknowledged(receivedNanos);
                    } else if (unwrap(failure) instanceof Refusal refusal) {
                        connection.send(frames.error(id, refusal));
                    } else {
                        connection.send(frames.error(id, "not_stored", "The message could not be stored; retry it"));
                    }
                }))
                .then();
    }

    private static MessageSending.Content content(JsonNode frame) {
        if (Frames.has(frame, "forwardOf")) {
            return new MessageSending.Content.Forward(Frames.requiredLong(frame, "forwardOf"));
        }
        var kind = Frames.has(frame, "kind") ? Frames.requiredString(frame, "kind") : Message.TEXT;
        return switch (kind) {
            case Message.TEXT -> new MessageSending.Content.Text(Frames.requiredString(frame, "body"));
            case Message.IMAGE ->
                new MessageSending.Content.Image(
                        Frames.requiredString(frame, "mediaId"),
                        Frames.has(frame, "body") ? Frames.requiredString(frame, "body") : "");
            default -> throw new Frames.InvalidFrame("invalid_frame", "Field 'kind' must be \"text\" or \"image\"");
        };
    }

    /**
     * Typing is ephemeral and throttled: at most one {@code typing} push per user and conversation every {@link
     * #TYPING_INTERVAL}; the rest are dropped. It needs no answer; a refusal still gets an error frame. Checked on the
     * event loop when the conversation's roster is cached, as sends are; otherwise from a thread that may block.
     */
    private Mono<Void> typing(Caller caller, JsonNode frame) {
        long conversationId = Frames.requiredLong(frame, "conversationId");
        var cached = conversations.cached(conversationId);
        if (cached != null) {
            typing(cached, conversationId, caller.userId());
            return Mono.empty();
        }
        return blocking.call(() -> {
                    typing(conversations.cachedAfterLoad(conversationId), conversationId, caller.userId());
                    return true;
                })
                .then();
    }

    private void typing(Conversations.Cached conversation, long conversationId, long userId) {
        conversation.requireMember(userId);
        if (typing.asMap().putIfAbsent(new TypingKey(userId, conversationId), Boolean.TRUE) == null) {
            pushes.typing(conversationId, userId, conversation.members());
        }
    }

    private record TypingKey(long userId, long conversationId) {}

    /**
     * A {@code delivered} or {@code read} frame: checked and queued, after which the connection's next frame is taken;
     * the {@code done} follows once the cursor is stored, up to a cursor batch later. Waiting for that before the next
     * frame held each connection to one cursor frame per batch, and a client that answers every message it gets fell
     * further behind with every message, its sends queued behind its receipts (docs/benchmarks.md, 2026-12-01 late
     * night).
     */
    private Mono<Void> cursor(Connection connection, Caller caller, JsonNode frame, boolean read) {
        var id = Frames.id(frame);
        long conversationId = Frames.requiredLong(frame, "conversationId");
        long seq = Frames.requiredLong(frame, "seq");
        var cursor = read ? CursorMoved.Cursor.READ : CursorMoved.Cursor.DELIVERED;
        // most cursor frames need nothing the caches lack, and are checked and queued right here on the event loop
        var queued = conversations.advanceWithoutBlocking(conversationId, caller.userId(), seq, cursor);
        return (queued != null
                        ? Mono.just(queued)
                        : blocking.call(() -> conversations.advance(conversationId, caller.userId(), seq, cursor)))
                .doOnNext(stored -> stored.whenComplete((value, failure) -> {
                    if (failure == null) {
                        if (id != null) {
                            connection.send(frames.bytes(new Frames.Done("done", id, conversationId, value)));
                        }
                    } else {
                        log.warn(
                                "A cursor move could not be stored ({})",
                                unwrap(failure).getClass().getName());
                        connection.send(frames.error(id, "internal_error", "The cursor could not be stored"));
                    }
                }))
                .then();
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
