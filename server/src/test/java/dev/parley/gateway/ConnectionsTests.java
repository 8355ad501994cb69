package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.parley.account.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConnectionsTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<PresenceChanged> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean holdNext = new AtomicBoolean();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch nextPublished = new CountDownLatch(1);

    /**
     * Holds the publication armed by {@link #holdNext} until another has been published (or a second has passed),
     * as a thread descheduled between changing the map and publishing would.
     */
    private final Connections connections = new Connections(meters, event -> {
        if (holdNext.compareAndSet(true, false)) {
            held.countDown();
            try {
                nextPublished.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            published.add((PresenceChanged) event);
        } else {
            published.add((PresenceChanged) event);
            if (held.getCount() == 0) {
                nextPublished.countDown();
            }
        }
    });

    private Connection connection() {
        var connection = new Connection(
                mock(Socket.class), new Outbox(ImmediateEventExecutor.INSTANCE), 16, new GatewayMetrics(meters), 0);
        connections.opened(connection);
        return connection;
    }

    @Test
    void aUsersLastConnectionClosingWhileTheirNextOpensIsPublishedInTheOrderTheMapChanged() throws Exception {
        var phone = connection();
        connections.authenticated(phone, new Caller(1, 1));
        assertThat(published).containsExactly(new PresenceChanged(1, true));

        holdNext.set(true);
        var closing = Thread.ofVirtual().start(() -> connections.closed(phone));
        assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
        connections.authenticated(connection(), new Caller(1, 2));
        closing.join();

        assertThat(published)
                .as("the user is online at the end, and the last change published says so")
                .containsExactly(
                        new PresenceChanged(1, true), new PresenceChanged(1, false), new PresenceChanged(1, true));
    }
}
