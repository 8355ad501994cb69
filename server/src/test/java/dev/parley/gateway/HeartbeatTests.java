package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.parley.account.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeartbeatTests {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Connections connections = new Connections(meters, event -> {});
    private final Heartbeat heartbeat = new Heartbeat(
            connections,
            new GatewaySettings(
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(25),
                    Duration.ofSeconds(1),
                    65536,
                    1024,
                    100));

    private Socket session() {
        return mock(Socket.class);
    }

    private Connection open(Socket session, long at) {
        var connection = new Connection(
                session, new Outbox(ImmediateEventExecutor.INSTANCE), 16, new GatewayMetrics(meters), at);
        connections.opened(connection);
        return connection;
    }

    @Test
    void connectionThatDoesNotAuthenticateInTimeIsClosed() {
        var session = session();
        var connection = open(session, 0);

        heartbeat.sweep(9 * SECOND);
        verify(session, never()).close(any());

        heartbeat.sweep(11 * SECOND);
        verify(session).close(CloseCodes.AUTH_TIMEOUT);
        assertThat(connection.isClosed()).isTrue();
    }

    @Test
    void quietConnectionIsPingedAndAnIdleOneClosed() {
        var session = session();
        var connection = open(session, 0);
        connections.authenticated(connection, new Caller(1, 2));

        heartbeat.sweep(26 * SECOND);
        assertThat(connection.lastPingNanos()).isEqualTo(26 * SECOND);

        heartbeat.sweep(30 * SECOND);
        assertThat(connection.lastPingNanos()).as("one ping per interval").isEqualTo(26 * SECOND);

        heartbeat.sweep(61 * SECOND);
        verify(session).close(CloseCodes.IDLE_TIMEOUT);
    }

    @Test
    void inboundTrafficKeepsAConnectionOpen() {
        var session = session();
        var connection = open(session, 0);
        connections.authenticated(connection, new Caller(1, 2));

        connection.inbound(50 * SECOND);
        heartbeat.sweep(100 * SECOND);

        verify(session, never()).close(any());
    }
}
