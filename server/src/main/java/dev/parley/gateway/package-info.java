/**
 * The WebSocket gateway at {@code /ws}: connection admission (the per-node cap), authentication by
 * first frame or header, frame parsing and dispatch, heartbeats and idle timeouts, the bounded
 * outbound queue of each connection, and local delivery of pushes to the connections of a user.
 * The wire format is documented in docs/protocol.md. Owns no tables; holds only live connections.
 *
 * <p>Public API: event {@link dev.parley.gateway.PresenceChanged}.
 */
@NullMarked
package dev.parley.gateway;

import org.jspecify.annotations.NullMarked;
