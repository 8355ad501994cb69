package dev.parley.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the WebSocket gateway.
 *
 * @param authTimeout how long a new connection may take to authenticate
 * @param idleTimeout a connection with no inbound traffic (frames or pongs) for this long is closed
 * @param pingInterval a connection quiet for this long is pinged by the server
 * @param sweepInterval how often connections are checked for the deadlines above
 * @param maxFrameBytes the largest inbound message; a larger one closes the connection with 1009
 * @param maxQueuedFrames outbound frames a connection may have waiting before it is closed as too slow
 * @param maxConnections open WebSocket connections this node accepts; more are refused with 503
 */
@ConfigurationProperties("parley.gateway")
record GatewaySettings(
        Duration authTimeout,
        Duration idleTimeout,
        Duration pingInterval,
        Duration sweepInterval,
        int maxFrameBytes,
        int maxQueuedFrames,
        int maxConnections) {}
