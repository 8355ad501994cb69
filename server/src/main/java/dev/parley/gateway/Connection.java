package dev.parley.gateway;

import dev.parley.account.Caller;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One live WebSocket connection. It owns its outbound queue, the lock that serialises writers to
 * it, and its close state. The queue grows only when used (an idle connection holds one small
 * chunk); when more than {@code maxQueued} frames wait, the client is not keeping up and the
 * connection is closed with {@link CloseCodes#SLOW_CONSUMER}, so that it never slows anyone else.
 */
final class Connection {

    /** Stands for a WebSocket ping in the outbound queue. */
    private static final Object PING = new Object();

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Socket socket;
    private final int maxQueued;
    private final Queue<Object> queue = Queues.unbounded(16).get();
    private final Sinks.Many<Object> outbound = Sinks.many().unicast().onBackpressureBuffer(queue);
    private final ReentrantLock sendLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final GatewayMetrics metrics;
    private volatile boolean ended;
    private volatile long closedAtNanos;
    private final long openedAtNanos;
    private volatile long lastInboundNanos;
    private volatile long lastPingNanos;
    private volatile @Nullable Caller caller;

    Connection(Socket socket, int maxQueued, GatewayMetrics metrics, long nowNanos) {
        this.socket = socket;
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

    /** The frames to write, in pooled buffers; subscribed once, by the socket's outbound side. */
    Flux<WebSocketFrame> outbound() {
        return outbound.asFlux()
                .map(item -> item == PING
                        ? new PingWebSocketFrame()
                        : new TextWebSocketFrame(ByteBufUtil.writeUtf8(ByteBufAllocator.DEFAULT, (String) item)));
    }

    /** Queues a text frame; closes the connection instead if its queue is full. */
    void send(String frame) {
        enqueue(frame);
    }

    void ping(long nowNanos) {
        lastPingNanos = nowNanos;
        enqueue(PING);
    }

    private void enqueue(Object item) {
        boolean overflow;
        sendLock.lock();
        try {
            if (closed.get()) {
                return;
            }
            overflow = queue.size() >= maxQueued;
            if (!overflow) {
                outbound.tryEmitNext(item);
            }
        } finally {
            sendLock.unlock();
        }
        if (overflow) {
            close(CloseCodes.SLOW_CONSUMER);
        }
    }

    /** Closes with the given status; later sends are dropped. Safe to call more than once, from any thread. */
    void close(CloseStatus status) {
        if (closed.compareAndSet(false, true)) {
            closedAtNanos = System.nanoTime();
            metrics.closedByServer(status.getCode());
            socket.close(status);
            sendLock.lock();
            try {
                outbound.tryEmitComplete();
            } finally {
                sendLock.unlock();
            }
        }
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
        if (closed.compareAndSet(false, true)) {
            sendLock.lock();
            try {
                outbound.tryEmitComplete();
            } finally {
                sendLock.unlock();
            }
        }
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
