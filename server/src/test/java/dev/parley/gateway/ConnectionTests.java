package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

class ConnectionTests {

    private final WebSocketSession session = mock(WebSocketSession.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void session() {
        when(session.close(any())).thenReturn(Mono.empty());
        when(session.textMessage(anyString()))
                .thenAnswer(call -> new WebSocketMessage(
                        WebSocketMessage.Type.TEXT,
                        DefaultDataBufferFactory.sharedInstance.wrap(
                                call.getArgument(0, String.class).getBytes(StandardCharsets.UTF_8))));
    }

    private Connection connection(int maxQueued) {
        return new Connection(session, maxQueued, new GatewayMetrics(meters), 0);
    }

    @Test
    void queuedFramesAreWrittenInOrder() {
        var connection = connection(10);
        connection.send("one");
        connection.send("two");
        connection.send("three");
        connection.close(CloseStatus.NORMAL);

        var written = connection
                .outbound()
                .map(WebSocketMessage::getPayloadAsText)
                .collectList()
                .block();

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

        var written = connection
                .outbound()
                .map(WebSocketMessage::getPayloadAsText)
                .collectList()
                .block();

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
