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
    void typing(long conversationId, long userId) {
        var frame = frames.bytes(new Frames.Typing("typing", conversationId, userId));
        for (long member : conversations.members(conversationId)) {
            if (member != userId) {
                pushToConnections(member, frame, NO_CONNECTION);
            }
        }
        frame.release();
    }

    @EventListener
    void on(CursorMoved event) {
        var frame = frames.bytes(new Frames.Receipt(
                "receipt",
                event.conversationId(),
                event.userId(),
                event.cursor().name().toLowerCase(Locale.ROOT),
                event.seq()));
        for (long member : conversations.members(event.conversationId())) {
            pushToConnections(member, frame, NO_CONNECTION);
        }
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
