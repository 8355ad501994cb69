package dev.parley.message;

import java.util.List;

/** Messages were committed, in {@code seq} order within each conversation; they may now be pushed. */
public record MessagesStored(List<Stored> messages) {

    private static final long[] NOBODY = new long[0];

    /**
     * A stored message and the device it was sent from, which gets the acknowledgement instead of a push.
     *
     * @param alsoNotify users who are no longer members but should get this message (a removed member, the one
     *     removal message)
     */
    public record Stored(Message message, long originDeviceId, long[] alsoNotify) {

        public Stored(Message message, long originDeviceId) {
            this(message, originDeviceId, NOBODY);
        }
    }
}
