package dev.parley.gateway;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One timer for all connections: every sweep it closes connections that did not authenticate in
 * time or went idle, and pings those that have been quiet. A connection costs no timer of its own.
 */
@Component
class Heartbeat implements SmartLifecycle {

    /** How long a closing connection may take to finish the close handshake before it is dropped. */
    static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final Connections connections;
    private final long authTimeoutNanos;
    private final long idleTimeoutNanos;
    private final long pingIntervalNanos;
    private final long sweepMillis;
    private ScheduledExecutorService timer;

    Heartbeat(Connections connections, GatewaySettings settings) {
        this.connections = connections;
        this.authTimeoutNanos = settings.authTimeout().toNanos();
        this.idleTimeoutNanos = settings.idleTimeout().toNanos();
        this.pingIntervalNanos = settings.pingInterval().toNanos();
        this.sweepMillis = settings.sweepInterval().toMillis();
    }

    void sweep(long now) {
        for (var connection : connections.all()) {
            if (connection.isClosed()) {
                if (connection.closeIsOverdue(now, CLOSE_GRACE_NANOS)) {
                    connection.abort();
                }
                continue;
            }
            if (connection.caller() == null && now - connection.openedAtNanos() > authTimeoutNanos) {
                connection.close(CloseCodes.AUTH_TIMEOUT);
            } else if (now - connection.lastInboundNanos() > idleTimeoutNanos) {
                connection.close(CloseCodes.IDLE_TIMEOUT);
            } else if (now - connection.lastInboundNanos() > pingIntervalNanos
                    && now - connection.lastPingNanos() > pingIntervalNanos) {
                connection.ping(now);
            }
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("gateway-heartbeat").daemon().factory());
        timer.scheduleWithFixedDelay(() -> sweep(System.nanoTime()), sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        timer.shutdownNow();
        for (var connection : connections.all()) {
            connection.close(CloseCodes.GOING_AWAY);
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null && !timer.isShutdown();
    }

    @Override
    public int getPhase() {
        // stop before the web server's graceful shutdown (DEFAULT_PHASE - 1024), so that clients are told to go away
        // (DEFAULT_PHASE is Integer.MAX_VALUE: anything above it would overflow)
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
