package dev.parley.message;

import dev.parley.conversation.Conversations;
import dev.parley.shared.Notice;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** What a user does to a message after it was sent: recall it, delete it for themselves, see who read it. */
@Service
class MessageActions {

    /** A message the user deleted for themselves, for their other devices. */
    record Deleted(long conversationId, long messageId, long seq) {}

    private final MessageSending sending;
    private final MessageStore store;
    private final SystemMessages system;
    private final Conversations conversations;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final long windowMillis;

    MessageActions(
            MessageSending sending,
            MessageStore store,
            SystemMessages system,
            Conversations conversations,
            ApplicationEventPublisher events,
            Clock clock,
            MessageSettings settings) {
        this.sending = sending;
        this.store = store;
        this.system = system;
        this.conversations = conversations;
        this.events = events;
        this.clock = clock;
        this.windowMillis = settings.recallWindow().toMillis();
    }

    /**
     * Recalls the user's own message within the recall window: everyone's copy becomes a tombstone, and a system
     * message ({@code recalled}) in the log tells every device, also those that sync later.
     *
     * @return completes with the system message once it and the tombstone are committed
     */
    CompletableFuture<Message> recall(long userId, long messageId) {
        var message = sending.readable(userId, messageId);
        if (message.senderId() != userId || !conversations.isMember(message.conversationId(), userId)) {
            throw new MessageRefusals.RecallNotAllowed("Only the sender, still a member, may recall a message");
        }
        if (clock.millis() - message.createdAt() > windowMillis) {
            throw new MessageRefusals.RecallNotAllowed(
                    "A message can be recalled up to " + windowMillis / 1000 + " seconds after it was sent");
        }
        return system.post(
                message.conversationId(),
                userId,
                "recalled",
                Map.of("messageId", message.id(), "seq", message.seq()),
                seq -> {
                    if (!store.recall(message.id(), clock.millis())) {
                        throw new MessageRefusals.UnknownMessage(); // already recalled, or not a text or image
                    }
                });
    }

    /** Hides the message from the user only; their devices hear of it as an event. */
    void deleteForMe(long userId, long messageId) {
        var message = sending.readable(userId, messageId);
        if (store.hide(userId, messageId)) {
            events.publishEvent(new Notice(
                    Set.of(userId),
                    "message.deleted",
                    new Deleted(message.conversationId(), message.id(), message.seq())));
        }
    }

    /** Who of the members that can see the message has read it. */
    Conversations.ReadState readState(long userId, long conversationId, long seq) {
        var visible = conversations.visibility(conversationId, userId);
        if (!visible.contains(seq)) {
            throw new MessageRefusals.UnknownMessage();
        }
        var message = store.bySeq(conversationId, seq).orElseThrow(MessageRefusals.UnknownMessage::new);
        return conversations.readState(conversationId, seq, message.senderId());
    }
}
