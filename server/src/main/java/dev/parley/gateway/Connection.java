package dev.parley.gateway;

import dev.parley.account.Caller;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * One live WebSocket connection. It owns its close state and writes its frames, and its close frame after them, through
 * the {@link Outbox} of its event loop, which holds nothing for an idle connection. When more than {@code maxQueued} frames wait in the socket's
 * outbound buffer, the client is not keeping up and the connection is closed with {@link CloseCodes#SLOW_CONSUMER}, so
 * that it never slows anyone else.
 */
final class Connection {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Socket socket;
    private final Outbox outbox;
    private final int maxQueued;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closeWritten = new CompletableFuture<>();
    private final GatewayMetrics metrics;
    private boolean unflushed; // only touched on the event loop
    private boolean closeSent; // only touched on the event loop
    private volatile boolean ended;
    private volatile long closedAtNanos;
    private final long openedAtNanos;
    private volatile long lastInboundNanos;
    private volatile long lastPingNanos;
    private volatile @Nullable Caller caller;

    Connection(Socket socket, Outbox outbox, int maxQueued, GatewayMetrics metrics, long nowNanos) {
        this.socket = socket;
        this.outbox = outbox;
        this.metrics = metrics;
        this.maxQueued = maxQueued;
        this.openedAtNanos = nowNanos;
        this.lastInboundNanos = nowNanos;
        this.lastPingNanos = nowNanos;
    }

    /** This connection's id on this node: a send's origin, which gets the ack instead of a push. */
    long id() {
        return id;
    }

    /** Queues a text frame; dropped if the connection is closing. */
    void send(String frame) {
        if (!closed.get()) {
            send(Frames.encode(frame));
        }
    }

    /**
     * Queues a text frame of UTF-8 bytes, taking over the caller's reference to them: a frame for several connections
     * is serialised once, and each of them gets a {@link ByteBuf#retainedDuplicate()}.
     */
    void send(ByteBuf frame) {
        if (closed.get()) {
            frame.release();
            return;
        }
        outbox.add(this, new TextWebSocketFrame(frame));
    }

    void ping(long nowNanos) {
        lastPingNanos = nowNanos;
        if (!closed.get()) {
            outbox.add(this, new PingWebSocketFrame());
        }
    }

    /**
     * Closes with the given status after the frames already queued; later sends are dropped. Safe to call more than
     * once, from any thread.
     */
    void close(CloseStatus status) {
        if (markClosed(status)) {
            outbox.add(this, status);
        }
    }

    /** True for the first close, which counts it and starts the grace period before an abort. */
    private boolean markClosed(CloseStatus status) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        closedAtNanos = System.nanoTime();
        metrics.closedByServer(status.getCode());
        return true;
    }

    /**
     * On the event loop: writes a frame, or starts the close handshake. A frame is dropped once the close frame is
     * out; if too many frames wait in the socket, the connection is closed instead. True if this wrote the first frame
     * since the last {@link #flush()}.
     */
    boolean write(Object item) {
        if (item instanceof CloseStatus status) {
            closeNow(status);
            return false;
        }
        var frame = (WebSocketFrame) item;
        if (closeSent || ended) {
            frame.release();
            return false;
        }
        if (socket.waitingWrites() >= maxQueued) {
            frame.release();
            markClosed(CloseCodes.SLOW_CONSUMER);
            closeNow(CloseCodes.SLOW_CONSUMER);
            return false;
        }
        metrics.frameOut();
        socket.write(frame);
        boolean first = !unflushed;
        unflushed = true;
        return first;
    }

    /** On the event loop: sends what {@link #write} wrote. */
    void flush() {
        unflushed = false;
        socket.flush();
    }

    private void closeNow(CloseStatus status) {
        if (!closeSent && !ended) {
            closeSent = true;
            socket.close(status);
        }
        closeWritten.complete(null);
    }

    /** Completes once the close frame of a {@link #close} is written, or the session ended without it. */
    CompletableFuture<Void> closeWritten() {
        return closeWritten;
    }

    /**
     * Drops the connection without waiting for the close handshake: for a peer that stopped reading
     * and so never takes the close frame.
     */
    void abort() {
        socket.abort();
    }

    /** Closed by the server at least {@code graceNanos} ago, and still not ended. */
    boolean closeIsOverdue(long nowNanos, long graceNanos) {
        return closed.get() && !ended && closedAtNanos != 0 && nowNanos - closedAtNanos > graceNanos;
    }

    /** Called when the session has ended, however it ended. */
    void terminated() {
        ended = true;
        closed.set(true);
        closeWritten.complete(null);
    }

    boolean isClosed() {
        return closed.get();
    }

    void inbound(long nowNanos) {
        lastInboundNanos = nowNanos;
    }

    long lastInboundNanos() {
        return lastInboundNanos;
    }

    long lastPingNanos() {
        return lastPingNanos;
    }

    long openedAtNanos() {
        return openedAtNanos;
    }

    @Nullable
    Caller caller() {
        return caller;
    }

    void authenticated(Caller caller) {
        this.caller = caller;
    }
}
