package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.socket.CloseStatus;

class ConnectionTests {

    /** A socket that records what reaches it: the text of each frame, "flush", "ping" and "close <code>". */
    static final class RecordingSocket implements Socket {

        final List<String> events = new ArrayList<>();
        int waiting;

        @Override
        public synchronized void write(WebSocketFrame frame) {
            try {
                events.add(frame instanceof TextWebSocketFrame text ? text.text() : "ping");
            } finally {
                frame.release();
            }
        }

        @Override
        public synchronized void flush() {
            events.add("flush");
        }

        @Override
        public int waitingWrites() {
            return waiting;
        }

        @Override
        public synchronized void close(CloseStatus status) {
            events.add("close " + status.getCode());
        }

        @Override
        public void abort() {}

        synchronized List<String> events() {
            return List.copyOf(events);
        }
    }

    private final RecordingSocket socket = new RecordingSocket();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private Connection connection(int maxQueued) {
        return connection(socket, new Outbox(ImmediateEventExecutor.INSTANCE), maxQueued);
    }

    private Connection connection(Socket socket, Outbox outbox, int maxQueued) {
        return new Connection(socket, outbox, maxQueued, new GatewayMetrics(meters), 0);
    }

    /** Keeps the loop busy until the latch opens, so that what is queued meanwhile gathers in its outbox. */
    private static CountDownLatch hold(EventExecutor loop) {
        var gate = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return gate;
    }

    @Test
    void framesAreWrittenInOrderAndFlushed() {
        var connection = connection(10);
        connection.send("one");
        connection.send(Unpooled.copiedBuffer("two", StandardCharsets.UTF_8));
        connection.ping(5);

        assertThat(socket.events()).containsExactly("one", "flush", "two", "flush", "ping", "flush");
        assertThat(connection.lastPingNanos()).isEqualTo(5);
    }

    @Test
    void framesQueuedTogetherGoOutWithOneFlushPerConnection() throws Exception {
        EventExecutor loop = new DefaultEventExecutor();
        try {
            var outbox = new Outbox(loop);
            var other = new RecordingSocket();
            var first = connection(socket, outbox, 10);
            var second = connection(other, outbox, 10);
            var shared = Unpooled.copiedBuffer("{\"type\":\"message\"}", StandardCharsets.UTF_8);
            var gate = hold(loop);
            first.send(shared.retainedDuplicate());
            second.send(shared.retainedDuplicate());
            first.send("ack");
            shared.release();
            gate.countDown();
            loop.submit(() -> {}).get(5, TimeUnit.SECONDS);

            assertThat(socket.events()).containsExactly("{\"type\":\"message\"}", "ack", "flush");
            assertThat(other.events()).containsExactly("{\"type\":\"message\"}", "flush");
            assertThat(shared.refCnt())
                    .as("every connection released its share")
                    .isZero();
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectionWithTooManyFramesWaitingInItsSocketIsClosedAsSlow() {
        var connection = connection(3);
        socket.waiting = 2;
        connection.send("still fits");

        socket.waiting = 3;
        ByteBuf frame = Unpooled.copiedBuffer("one too many", StandardCharsets.UTF_8);
        connection.send(frame);
        connection.send("dropped");

        assertThat(socket.events()).containsExactly("still fits", "flush", "close 4008");
        assertThat(frame.refCnt()).as("the frame that did not fit was released").isZero();
        assertThat(connection.isClosed()).isTrue();
        assertThat(meters.counter("parley.connections.closed", "code", "4008").count())
                .isEqualTo(1);
    }

    @Test
    void closeFollowsTheFramesQueuedBeforeItAndLaterFramesAreDropped() {
        var loop = new DefaultEventExecutor();
        try {
            var connection = connection(socket, new Outbox(loop), 10);
            var gate = hold(loop);
            connection.send("invalid token");
            connection.close(CloseCodes.AUTH_FAILED);
            var after = Unpooled.copiedBuffer("after", StandardCharsets.UTF_8);
            connection.send(after);
            connection.ping(1);
            gate.countDown();
            loop.submit(() -> {}).get(5, TimeUnit.SECONDS);

            assertThat(socket.events())
                    .containsExactly("invalid token", "close " + CloseCodes.AUTH_FAILED.getCode(), "flush");
            assertThat(after.refCnt()).isZero();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    @Test
    void closingTwiceClosesOnce() {
        var connection = connection(10);
        connection.close(CloseCodes.IDLE_TIMEOUT);
        connection.close(CloseCodes.SESSION_ENDED);
        assertThat(socket.events()).containsExactly("close " + CloseCodes.IDLE_TIMEOUT.getCode());
    }

    @Test
    void nothingIsWrittenAfterTheSessionEnded() {
        var connection = connection(10);
        connection.terminated();
        connection.send("late");
        connection.close(CloseCodes.GOING_AWAY);

        assertThat(socket.events()).isEmpty();
        assertThat(connection.isClosed()).isTrue();
    }

    @Test
    void framesForAShutDownLoopAreReleased() {
        var loop = new DefaultEventExecutor();
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        var connection = connection(socket, new Outbox(loop), 10);
        var frame = Unpooled.copiedBuffer("lost", StandardCharsets.UTF_8);

        connection.send(frame);

        assertThat(frame.refCnt()).isZero();
        assertThat(socket.events()).isEmpty();
    }
}
