package dev.parley.message;

import java.util.List;

/** Messages were committed, in {@code seq} order within each conversation; they may now be pushed. */
public record MessagesStored(List<Stored> messages) {

    /** A stored message and the device it was sent from, which gets the acknowledgement instead of a push. */
    public record Stored(Message message, long originDeviceId) {}
}
