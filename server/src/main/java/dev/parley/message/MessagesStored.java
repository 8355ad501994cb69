package dev.parley.message;

import java.util.List;

/**
 * Messages were committed, in {@code seq} order within each conversation; they may now be pushed. Published on the
 * writer's thread right after the commit, before its next one, and a commit holds no membership change after a
 * message: the conversations' members read while handling it are those each message was sent to.
 */
public record MessagesStored(List<Stored> messages) {

    /**
     * A stored message and the connection it was sent through ({@code origin}, 0 for none), which gets the
     * acknowledgement instead of a push; the sender's other connections, also of the same device, get the push.
     *
     * @param alsoNotify users who are no longer members but should get this message (a removed member, the one
     *     removal message)
     */
    public record Stored(Message message, long origin, long[] alsoNotify) {}
}
