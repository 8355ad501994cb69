package dev.parley.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WebSocket connection to a Parley server, at the level of frames: it authenticates with a
 * first {@code auth} frame, matches answers to requests by {@code id}, and hands every other frame
 * (pushes, receipts) to a consumer. {@link Messenger} builds reliable messaging on top of it.
 */
public final class ParleySocket implements AutoCloseable {

    /** How the connection ended: the close code and reason (1006 if it broke without a close frame). */
    public record Closed(int code, String reason) {}

    private final WebSocket webSocket;
    private final Receiver receiver;
    private final AtomicLong ids = new AtomicLong();
    private final Object sendLock = new Object();
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    private ParleySocket(WebSocket webSocket, Receiver receiver) {
        this.webSocket = webSocket;
        this.receiver = receiver;
    }

    /** Opens a connection without authenticating it. */
    public static ParleySocket open(HttpClient http, URI uri, Consumer<JsonNode> pushes) {
        var receiver = new Receiver(pushes);
        var webSocket = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, receiver)
                .join();
        return new ParleySocket(webSocket, receiver);
    }

    /** Opens a connection and authenticates it with the session token; fails if the token is refused. */
    public static ParleySocket connect(HttpClient http, URI uri, String token, Consumer<JsonNode> pushes) {
        var socket = open(http, uri, pushes);
        try {
            socket.request(frame("auth").put("token", token)).join();
        } catch (RuntimeException e) {
            socket.abort();
            throw e;
        }
        return socket;
    }

    /** A new frame of the given type, to fill in and pass to {@link #request} or {@link #send}. */
    public static ObjectNode frame(String type) {
        return ParleyClient.JSON.createObjectNode().put("type", type);
    }

    /**
     * Sends a frame with a fresh {@code id}; the future completes with the answer that echoes it, or
     * fails with {@link ParleyException} if the answer is an error frame or the connection closes.
     */
    public CompletableFuture<JsonNode> request(ObjectNode frame) {
        var id = "r" + ids.incrementAndGet();
        frame.put("id", id);
        var answer = new CompletableFuture<JsonNode>();
        receiver.pending.put(id, answer);
        if (receiver.closed.isDone() && receiver.pending.remove(id) != null) {
            answer.completeExceptionally(new ParleyException(0, "connection_closed", "the connection is closed"));
            return answer;
        }
        sendText(ParleyClient.JSON.writeValueAsString(frame)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                receiver.pending.remove(id);
                answer.completeExceptionally(failure);
            }
        });
        return answer;
    }

    /** Sends a frame without waiting for an answer. */
    public CompletableFuture<Void> send(ObjectNode frame) {
        return sendText(ParleyClient.JSON.writeValueAsString(frame));
    }

    /** Sends raw text, for example a malformed frame in a test. */
    public CompletableFuture<Void> sendText(String text) {
        synchronized (sendLock) {
            var next = lastSend.handle((ignored, failure) -> null)
                    .thenCompose(ignored -> webSocket.sendText(text, true))
                    .thenApply(ws -> (Void) null);
            lastSend = next;
            return next;
        }
    }

    /** Completes when the connection has closed, from either side. */
    public CompletableFuture<Closed> closed() {
        return receiver.closed;
    }

    public boolean isOpen() {
        return !receiver.closed.isDone();
    }

    @Override
    public void close() {
        synchronized (sendLock) {
            lastSend.handle((ignored, failure) -> null)
                    .thenCompose(ignored -> webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
                    .exceptionally(failure -> {
                        webSocket.abort();
                        return null;
                    });
        }
    }

    /** Drops the connection without a close handshake, as a network failure would. */
    public void abort() {
        webSocket.abort();
        receiver.closed(1006, "aborted");
    }

    private static final class Receiver implements WebSocket.Listener {

        private final Consumer<JsonNode> pushes;
        private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final CompletableFuture<Closed> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        Receiver(Consumer<JsonNode> pushes) {
            this.pushes = pushes;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                var text = partial.toString();
                partial.setLength(0);
                dispatch(ParleyClient.JSON.readTree(text));
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(JsonNode frame) {
            var id = frame.get("id");
            var answer = id == null || !id.isString() ? null : pending.remove(id.stringValue());
            if (answer == null) {
                pushes.accept(frame);
            } else if ("error".equals(frame.path("type").asString())) {
                answer.completeExceptionally(new ParleyException(
                        0, frame.path("code").asString(), frame.path("message").asString()));
            } else {
                answer.complete(frame);
            }
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed(1006, String.valueOf(error.getMessage()));
        }

        void closed(int code, String reason) {
            if (closed.complete(new Closed(code, reason))) {
                var failure = new ParleyException(0, "connection_closed", "closed with " + code + " " + reason);
                pending.values().forEach(answer -> answer.completeExceptionally(failure));
                pending.clear();
            }
        }
    }
}
