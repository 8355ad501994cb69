package dev.parley.gateway;

import dev.parley.account.Caller;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The live connections of this node, and the authenticated ones by user, for local delivery. A user's
 * {@link PresenceChanged} is published inside the update of their connections, so that a first connection opening on
 * one event loop while the last closes on another reach the listeners in the order they changed the map.
 */
@Component
class Connections {

    private static final Connection[] NONE = new Connection[0];

    private final Set<Connection> all = ConcurrentHashMap.newKeySet();
    private final Map<Long, Connection[]> byUser = new ConcurrentHashMap<>();

    private final ApplicationEventPublisher events;

    Connections(MeterRegistry meters, ApplicationEventPublisher events) {
        this.events = events;
        Gauge.builder("parley.connections.open", all, Set::size)
                .description("Open WebSocket connections")
                .register(meters);
        Gauge.builder(
                        "parley.connections.authenticated",
                        byUser,
                        users -> users.values().stream()
                                .mapToInt(connections -> connections.length)
                                .sum())
                .description("Authenticated WebSocket connections")
                .register(meters);
    }

    void opened(Connection connection) {
        all.add(connection);
    }

    void authenticated(Connection connection, Caller caller) {
        connection.authenticated(caller);
        byUser.compute(caller.userId(), (user, existing) -> {
            var connections = existing == null ? NONE : existing;
            if (connections.length == 0) {
                events.publishEvent(new PresenceChanged(user, true));
            }
            var more = Arrays.copyOf(connections, connections.length + 1);
            more[connections.length] = connection;
            return more;
        });
        if (connection.isClosed()) {
            closed(connection); // it ended while authenticating
        }
    }

    void closed(Connection connection) {
        all.remove(connection);
        var caller = connection.caller();
        if (caller != null) {
            byUser.computeIfPresent(caller.userId(), (user, existing) -> {
                var kept = Arrays.stream(existing).filter(c -> c != connection).toArray(Connection[]::new);
                if (kept.length == 0) {
                    events.publishEvent(new PresenceChanged(user, false));
                }
                return kept.length == 0 ? null : kept;
            });
        }
    }

    /** Calls {@code action} for each authenticated connection of the user. */
    void forUser(long userId, Consumer<Connection> action) {
        for (var connection : byUser.getOrDefault(userId, NONE)) {
            action.accept(connection);
        }
    }

    Collection<Connection> all() {
        return all;
    }

    int count() {
        return all.size();
    }
}
