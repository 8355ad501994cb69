package dev.parley.client;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts a user's incoming messages in order: every message of a conversation is handed on exactly
 * once, in {@code seq} order. A message that arrives after a gap (pushes that were dropped, or
 * missed while offline) makes the inbox fetch the gap from the log first. Not thread-safe: call it
 * from one thread.
 */
final class Inbox {

    /** Reads the log: the oldest messages with seq above {@code after}. */
    interface Log {
        Model.Page after(long conversationId, long after);
    }

    private final Log log;
    private final Consumer<Model.Message> sink;
    private final Map<Long, Long> delivered = new HashMap<>();

    Inbox(Log log, Consumer<Model.Message> sink) {
        this.log = log;
        this.sink = sink;
    }

    /** The highest seq handed on for the conversation (everything up to it has been). */
    long delivered(long conversationId) {
        return delivered.getOrDefault(conversationId, 0L);
    }

    /** A message from a push or an acknowledgement. */
    void offer(Model.Message message) {
        long known = delivered(message.conversationId());
        if (message.seq() <= known) {
            return;
        }
        if (message.seq() > known + 1) {
            catchUp(message.conversationId(), message.seq() - 1);
        }
        if (message.seq() > delivered(message.conversationId())) {
            hand(message);
        }
    }

    /** Fetches and hands on everything after what was handed on, up to {@code upTo} at least. */
    void catchUp(long conversationId, long upTo) {
        while (delivered(conversationId) < upTo) {
            var page = log.after(conversationId, delivered(conversationId));
            for (var message : page.messages()) {
                if (message.seq() > delivered(conversationId)) {
                    hand(message);
                }
            }
            if (!page.hasMore()) {
                return;
            }
        }
    }

    private void hand(Model.Message message) {
        delivered.put(message.conversationId(), message.seq());
        sink.accept(message);
    }
}
