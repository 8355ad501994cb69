package dev.parley.client;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reliable messaging for one logged-in device. It keeps a WebSocket open (reconnecting with
 * back-off when it drops), sends with retry (the same {@code clientMsgId} until acknowledged, so
 * the server stores each message once) and in order (a target's sends go out one at a time, the
 * next once the one before is acknowledged or refused for good, so a send the server turned away
 * for the moment, or made while offline, is not overtaken by the ones after it), and hands every
 * message of the user's conversations to the {@link Listener} exactly once and in {@code seq}
 * order, fetching from the log whatever pushes did not bring: after a reconnect, and whenever a
 * pushed {@code seq} leaves a gap.
 *
 * <p>The listener is called on the messenger's own thread, one call at a time.
 */
public final class Messenger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Messenger.class);
    private static final Set<String> RETRYABLE =
            Set.of("not_stored", "overloaded", "rate_limited", "connection_closed");
    private static final long ACK_TIMEOUT_MILLIS = 10_000;
    /** A send refused this often (even for reasons worth a retry) fails instead of trying forever. */
    private static final int MAX_REFUSALS = 30;

    private static final int PAGE = 200;
    /** Pages fetched at once when catching up with many conversations. */
    private static final int PARALLEL_FETCHES = 4;

    /** What a messenger tells its user. */
    public interface Listener {
        void onMessage(Model.Message message);

        default void onReceipt(Model.Receipt receipt) {}

        default void onState(State state) {}
    }

    public enum State {
        CONNECTING,
        ONLINE,
        RECONNECTING,
        PAUSED,
        /** The session was logged out or revoked; the messenger stopped. */
        LOGGED_OUT,
        CLOSED
    }

    /** Where a message goes. */
    public sealed interface Target {
        record Conversation(long conversationId) implements Target {}

        record User(long userId) implements Target {}
    }

    private record Outgoing(
            String clientMsgId,
            Target target,
            String body,
            String mediaId,
            CompletableFuture<Model.Message> result,
            java.util.concurrent.atomic.AtomicInteger refusals) {}

    private final ParleyClient rest;
    private final Model.Session session;
    private final Listener listener;
    private final ScheduledExecutorService thread;
    private final Inbox inbox;
    /**
     * Sends not yet acknowledged, per target in the order they were made; only the first of each is
     * on the wire. Read and changed on the messenger's thread only.
     */
    private final Map<Target, ArrayDeque<Outgoing>> outbox = new LinkedHashMap<>();

    private final ClientMsgIds clientMsgIds = ClientMsgIds.system();
    private final Map<Long, Long> deliveredToSend = new LinkedHashMap<>();
    /** The groups among the conversations of the last sync: nobody hears of a delivered cursor there (§5.5). */
    private final Set<Long> groups = new HashSet<>();

    private volatile ParleySocket socket;
    private volatile State state = State.CONNECTING;
    private int failures;

    public Messenger(ParleyClient rest, Model.Session session, Listener listener) {
        this.rest = rest;
        this.session = session;
        this.listener = listener;
        this.thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("messenger-" + session.userId())
                .daemon()
                .factory());
        this.inbox = new Inbox(
                (conversationId, after) -> rest.messagesAfter(session.token(), conversationId, after, null, PAGE),
                this::hand);
    }

    /** Connects and catches up with every conversation; returns once both are done. */
    public Messenger start() {
        call(() -> {
            connect();
            syncAll();
        });
        return this;
    }

    public State state() {
        return state;
    }

    public Model.Session session() {
        return session;
    }

    /** Sends a text message; the future completes with the stored message once the server acknowledged it. */
    public CompletableFuture<Model.Message> send(Target target, String body) {
        return enqueue(target, body, null);
    }

    /** Sends an uploaded image (see {@link ParleyClient#uploadImage}) with an optional caption. */
    public CompletableFuture<Model.Message> sendImage(Target target, String mediaId, String caption) {
        return enqueue(target, caption == null ? "" : caption, mediaId);
    }

    private CompletableFuture<Model.Message> enqueue(Target target, String body, String mediaId) {
        var outgoing = new Outgoing(
                clientMsgIds.next(),
                target,
                body,
                mediaId,
                new CompletableFuture<>(),
                new java.util.concurrent.atomic.AtomicInteger());
        try {
            thread.execute(() -> {
                var queue = outbox.computeIfAbsent(target, t -> new ArrayDeque<>());
                queue.add(outgoing);
                if (queue.size() == 1) {
                    transmit(outgoing);
                }
            });
        } catch (RejectedExecutionException closed) {
            outgoing.result().completeExceptionally(new ParleyException(0, "closed", "the messenger is closed"));
        }
        return outgoing.result();
    }

    public CompletableFuture<Model.Message> sendTo(long conversationId, String body) {
        return send(new Target.Conversation(conversationId), body);
    }

    /** Marks the conversation read up to {@code seq}. */
    public Model.Cursor markRead(long conversationId, long seq) {
        return rest.markRead(session.token(), conversationId, seq);
    }

    /** The highest seq handed to the listener for the conversation. */
    public long delivered(long conversationId) {
        return call(() -> inbox.delivered(conversationId));
    }

    /** Fetches whatever the log has that the listener has not seen yet. */
    public void sync() {
        call(this::syncAll);
    }

    /** Goes offline (as an app sent to the background does) until {@link #resume()}. */
    public void pause() {
        call(() -> {
            setState(State.PAUSED);
            var current = socket;
            socket = null;
            if (current != null) {
                current.close();
            }
        });
    }

    /** Comes back online and catches up. */
    public void resume() {
        call(() -> {
            setState(State.CONNECTING);
            connect();
            syncAll();
        });
    }

    /** Breaks the connection without a close handshake, as a network failure does; the messenger reconnects. */
    public void dropConnection() {
        var current = socket;
        if (current != null) {
            current.abort();
        }
    }

    @Override
    public void close() {
        call(() -> {
            setState(State.CLOSED);
            var current = socket;
            socket = null;
            if (current != null) {
                current.close();
            }
        });
        thread.shutdown();
    }

    private void connect() {
        var opened = ParleySocket.connect(rest.http(), rest.webSocketUri(), session.token(), this::onFrame);
        socket = opened;
        failures = 0;
        opened.closed().thenAccept(closed -> thread.execute(() -> onClosed(opened, closed)));
        setState(State.ONLINE);
        outbox.values().forEach(queue -> transmit(queue.getFirst()));
    }

    private void onClosed(ParleySocket closedSocket, ParleySocket.Closed closed) {
        if (socket != closedSocket) {
            return;
        }
        socket = null;
        if (closed.code() == 4002 || closed.code() == 4003) {
            setState(State.LOGGED_OUT);
            var failure = new ParleyException(0, "session_ended", "the session was logged out or revoked");
            outbox.values()
                    .forEach(
                            queue -> queue.forEach(outgoing -> outgoing.result().completeExceptionally(failure)));
            outbox.clear();
            return;
        }
        if (state == State.ONLINE) {
            setState(State.RECONNECTING);
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        long delay = Math.min(5_000, 100L << Math.min(failures, 6));
        delay += ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        failures++;
        thread.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        if (state != State.RECONNECTING) {
            return;
        }
        try {
            connect();
            syncAll();
        } catch (RuntimeException e) {
            log.debug("reconnect failed: {}", e.toString());
            if (socket == null) {
                scheduleReconnect();
            }
        }
    }

    private void transmit(Outgoing outgoing) {
        var current = socket;
        if (current == null || outgoing.result().isDone()) {
            return; // sent again after the next connect
        }
        var frame = ParleySocket.frame("send")
                .put("clientMsgId", outgoing.clientMsgId())
                .put("body", outgoing.body());
        if (outgoing.mediaId() != null) {
            frame.put("kind", "image").put("mediaId", outgoing.mediaId());
        }
        switch (outgoing.target()) {
            case Target.Conversation c -> frame.put("conversationId", c.conversationId());
            case Target.User u -> frame.put("toUserId", u.userId());
        }
        current.request(frame)
                .orTimeout(ACK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .whenComplete((ack, failure) -> thread.execute(() -> answered(outgoing, ack, failure)));
    }

    /** On the messenger's thread: what became of one transmission of a send. */
    private void answered(Outgoing outgoing, JsonNode ack, Throwable failure) {
        if (outgoing.result().isDone()) {
            return; // an answer to an earlier copy came first
        }
        if (failure == null) {
            var message = ParleyClient.JSON.treeToValue(ack.get("message"), Model.Message.class);
            next(outgoing);
            offer(message);
            outgoing.result().complete(message);
            return;
        }
        var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ParleyException refused
                && (!RETRYABLE.contains(refused.code())
                        || (!"connection_closed".equals(refused.code())
                                && outgoing.refusals().incrementAndGet() > MAX_REFUSALS))) {
            next(outgoing);
            outgoing.result().completeExceptionally(refused);
        } else if (!(cause instanceof ParleyException)) {
            transmit(outgoing); // no answer in time: send again, the server answers a duplicate with the first ack
        } else if (!"connection_closed".equals(((ParleyException) cause).code())) {
            long delay = "rate_limited".equals(((ParleyException) cause).code()) ? 1_000 : 200;
            thread.schedule(() -> transmit(outgoing), delay, TimeUnit.MILLISECONDS);
        } // a closed connection: the next connect sends it again
    }

    /** Takes a send that is through (stored or refused for good) off its queue and sends the next. */
    private void next(Outgoing outgoing) {
        var queue = outbox.get(outgoing.target());
        if (queue == null || !queue.remove(outgoing)) {
            return;
        }
        if (queue.isEmpty()) {
            outbox.remove(outgoing.target());
        } else {
            transmit(queue.getFirst());
        }
    }

    private void onFrame(JsonNode frame) {
        var type = frame.path("type").asString();
        switch (type) {
            case "message" -> {
                var message = ParleyClient.JSON.treeToValue(frame.get("message"), Model.Message.class);
                thread.execute(() -> offer(message));
            }
            case "receipt" -> {
                var receipt = ParleyClient.JSON.treeToValue(frame, Model.Receipt.class);
                thread.execute(() -> listener.onReceipt(receipt));
            }
            default -> log.debug("ignored frame of type {}", type);
        }
    }

    private void offer(Model.Message message) {
        try {
            inbox.offer(message);
        } catch (RuntimeException e) {
            log.debug("could not fill a gap yet: {}", e.toString());
        }
        flushDelivered();
    }

    private void syncAll() {
        var behind = new LinkedHashMap<Long, Long>();
        for (var conversation : rest.conversations(session.token())) {
            if ("group".equals(conversation.kind())) {
                groups.add(conversation.id());
            }
            if (conversation.lastSeq() > inbox.delivered(conversation.id())) {
                behind.put(conversation.id(), conversation.lastSeq());
            }
        }
        inbox.catchUp(behind, PARALLEL_FETCHES);
        flushDelivered();
    }

    private void hand(Model.Message message) {
        if (message.senderId() != session.userId() && !groups.contains(message.conversationId())) {
            deliveredToSend.put(message.conversationId(), message.seq());
        }
        listener.onMessage(message);
    }

    private void flushDelivered() {
        var current = socket;
        if (current == null || deliveredToSend.isEmpty()) {
            return;
        }
        deliveredToSend.forEach((conversationId, seq) -> current.send(ParleySocket.frame("delivered")
                .put("conversationId", conversationId)
                .put("seq", seq)));
        deliveredToSend.clear();
    }

    private void setState(State next) {
        state = next;
        listener.onState(next);
    }

    private void call(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    private <T> T call(java.util.concurrent.Callable<T> work) {
        var future = new CompletableFuture<T>();
        thread.execute(() -> {
            try {
                future.complete(work.call());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
