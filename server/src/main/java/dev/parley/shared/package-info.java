/**
 * The small kernel every feature shares: id generation, the clock, and the typed refusals that
 * become RFC 9457 problem responses at the HTTP edge and error frames on the WebSocket.
 */
@NullMarked
package dev.parley.shared;

import org.jspecify.annotations.NullMarked;
