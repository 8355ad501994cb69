package dev.parley.client;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Puts a user's incoming messages in order: every message of a conversation is handed on exactly
 * once, in {@code seq} order. A message that arrives after a gap (pushes that were dropped, or
 * missed while offline) makes the inbox fetch the gap from the log first. Not thread-safe: call it
 * from one thread (it fetches on threads of its own, but hands on only on the caller's).
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
            if (!handOn(conversationId, log.after(conversationId, delivered(conversationId)))) {
                return;
            }
        }
    }

    /**
     * Catches up with several conversations ({@code upTo} by conversation id, in the order to hand them on). Their
     * first pages are fetched {@code parallel} at a time, ahead of need, since most of a fetch is waiting for the
     * server; handing on stays on the calling thread, one conversation after another, as {@link #catchUp(long, long)}
     * would, and that thread fetches a conversation's further pages itself.
     */
    void catchUp(Map<Long, Long> upTo, int parallel) {
        var permits = new Semaphore(parallel, true);
        var firstPages = new LinkedHashMap<Long, Future<Model.Page>>();
        try (var fetcher = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                upTo.forEach((conversationId, seq) -> {
                    long after = delivered(conversationId);
                    firstPages.put(conversationId, fetcher.submit(() -> {
                        permits.acquire();
                        try {
                            return log.after(conversationId, after);
                        } finally {
                            permits.release();
                        }
                    }));
                });
                for (var first : firstPages.entrySet()) {
                    long conversationId = first.getKey();
                    if (handOn(conversationId, result(first.getValue()))) {
                        catchUp(conversationId, upTo.get(conversationId));
                    }
                }
            } finally {
                fetcher.shutdownNow(); // after a failure: the fetches still waiting are not needed
            }
        }
    }

    /** Hands on the page's messages that are new; true if the log has more after them. */
    private boolean handOn(long conversationId, Model.Page page) {
        for (var message : page.messages()) {
            if (message.seq() > delivered(conversationId)) {
                hand(message);
            }
        }
        return page.hasMore();
    }

    private static Model.Page result(Future<Model.Page> page) {
        try {
            return page.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while catching up", e);
        }
    }

    private void hand(Model.Message message) {
        delivered.put(message.conversationId(), message.seq());
        sink.accept(message);
    }
}
