package dev.parley.gateway;

import dev.parley.account.DeviceSessionEnded;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.CursorMoved;
import dev.parley.message.MessagesStored;
import dev.parley.shared.Notice;
import io.netty.buffer.ByteBuf;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Local delivery: turns events into frames for the connections on this node. Each frame is serialised once, into one
 * buffer that every connection which should have it shares; queuing never blocks, and the frames are written on the
 * connections' event loops (see {@link Outbox}).
 */
@Component
class Pushes {

    /** No connection's id (they start at 1): for frames that every connection of a user gets. */
    private static final long NO_CONNECTION = 0;

    private final Connections connections;
    private final Conversations conversations;
    private final Frames frames;

    Pushes(Connections connections, Conversations conversations, Frames frames) {
        this.connections = connections;
        this.conversations = conversations;
        this.frames = frames;
    }

    @EventListener
    void on(MessagesStored event) {
        for (var stored : event.messages()) {
            var message = stored.message();
            var frame = frames.bytes(new Frames.Push("message", message));
            for (long member : conversations.members(message.conversationId())) {
                pushToConnections(member, frame, stored.origin());
            }
            for (long formerMember : stored.alsoNotify()) {
                pushToConnections(formerMember, frame, stored.origin());
            }
            frame.release();
        }
    }

    /** Queues a share of the frame on each of the user's connections but {@code exceptConnection}. */
    private void pushToConnections(long userId, ByteBuf frame, long exceptConnection) {
        connections.forUser(userId, connection -> {
            if (connection.id() != exceptConnection) {
                connection.send(frame.retainedDuplicate());
            }
        });
    }

    /** Tells the other members' devices that the user is typing in the conversation. */
    void typing(long conversationId, long userId, long[] members) {
        var frame = frames.bytes(new Frames.Typing("typing", conversationId, userId));
        for (long member : members) {
            if (member != userId) {
                pushToConnections(member, frame, NO_CONNECTION);
            }
        }
        frame.release();
    }

    /**
     * Tells who needs it that a member's cursor moved (protocol §5.5): a read cursor to every device of its user (their
     * unread counts) and, in a direct conversation, to the other member (the sender's ticks); a delivered cursor only to
     * the other member of a direct conversation. Nobody else in a group hears of either: every member answers every
     * message with {@code delivered}, and a receipt to every member for each would cost frames in the square of the
     * group's size (docs/benchmarks.md, 2026-12-01 late night); who read a group message is asked for when wanted.
     */
    @EventListener
    void on(CursorMoved event) {
        boolean read = event.cursor() == CursorMoved.Cursor.READ;
        var peer = conversations.directPeer(event.conversationId(), event.userId());
        if (!read && peer.isEmpty()) {
            return;
        }
        var frame = frames.bytes(new Frames.Receipt(
                "receipt",
                event.conversationId(),
                event.userId(),
                event.cursor().name().toLowerCase(Locale.ROOT),
                event.seq()));
        if (read) {
            pushToConnections(event.userId(), frame, NO_CONNECTION);
        }
        peer.ifPresent(other -> pushToConnections(other, frame, NO_CONNECTION));
        frame.release();
    }

    @EventListener
    void on(Notice notice) {
        var frame = frames.bytes(new Frames.Event("event", notice.event(), notice.data()));
        for (long user : notice.userIds()) {
            pushToConnections(user, frame, NO_CONNECTION);
        }
        frame.release();
    }

    @EventListener
    void on(DeviceSessionEnded event) {
        connections.forUser(event.userId(), connection -> {
            var caller = connection.caller();
            if (caller != null && caller.deviceId() == event.deviceId()) {
                connection.close(CloseCodes.SESSION_ENDED);
            }
        });
    }
}
