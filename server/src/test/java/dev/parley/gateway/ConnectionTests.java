package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.socket.CloseStatus;

class ConnectionTests {

    private final Socket session = mock(Socket.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private Connection connection(int maxQueued) {
        return new Connection(session, maxQueued, new GatewayMetrics(meters), 0);
    }

    /** The frame's text; releases its buffer. */
    private static String text(WebSocketFrame frame) {
        try {
            return ((TextWebSocketFrame) frame).text();
        } finally {
            frame.release();
        }
    }

    @Test
    void queuedFramesAreWrittenInOrder() {
        var connection = connection(10);
        connection.send("one");
        connection.send("two");
        connection.send("three");
        connection.close(CloseStatus.NORMAL);

        var written =
                connection.outbound().map(ConnectionTests::text).collectList().block();

        assertThat(written).containsExactly("one", "two", "three");
    }

    @Test
    void connectionThatLetsTooManyFramesQueueIsClosedAsSlow() {
        var connection = connection(3);
        for (int i = 0; i < 3; i++) {
            connection.send("frame " + i);
        }
        verify(session, never()).close(any());

        connection.send("one too many");
        connection.send("dropped");

        verify(session, times(1)).close(CloseCodes.SLOW_CONSUMER);
        assertThat(connection.isClosed()).isTrue();
        assertThat(meters.counter("parley.connections.closed", "code", "4008").count())
                .isEqualTo(1);
    }

    @Test
    void framesAfterCloseAreDropped() {
        var connection = connection(10);
        connection.send("before");
        connection.close(CloseCodes.IDLE_TIMEOUT);
        connection.send("after");

        var written =
                connection.outbound().map(ConnectionTests::text).collectList().block();

        assertThat(written).containsExactly("before");
    }

    @Test
    void closingTwiceClosesOnce() {
        var connection = connection(10);
        connection.close(CloseCodes.IDLE_TIMEOUT);
        connection.close(CloseCodes.SESSION_ENDED);
        verify(session, times(1)).close(any());
    }
}
