package dev.parley.message;

import java.util.List;

/** Messages were committed, in {@code seq} order within each conversation; they may now be pushed. */
public record MessagesStored(List<Stored> messages) {

    /**
     * A stored message, the connection it was sent through ({@code origin}, 0 for none), which gets the
     * acknowledgement instead of a push (the sender's other connections, also of the same device, get the push), and
     * who gets it.
     *
     * @param members the conversation's members right after the commit that stored the message, which is the last
     *     commit to change them before it (the writer commits a membership change apart from the messages before it)
     * @param alsoNotify users who are no longer members but should get this message (a removed member, the one
     *     removal message)
     */
    public record Stored(Message message, long origin, long[] members, long[] alsoNotify) {}
}
