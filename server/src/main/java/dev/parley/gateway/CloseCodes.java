package dev.parley.gateway;

import org.springframework.web.reactive.socket.CloseStatus;

/** The close codes the gateway uses besides the standard ones (documented in docs/protocol.md). */
final class CloseCodes {

    static final CloseStatus IDLE_TIMEOUT = new CloseStatus(4000, "idle timeout");
    static final CloseStatus AUTH_TIMEOUT = new CloseStatus(4001, "authentication timeout");
    static final CloseStatus AUTH_FAILED = new CloseStatus(4002, "authentication failed");
    static final CloseStatus SESSION_ENDED = new CloseStatus(4003, "session ended");
    static final CloseStatus SLOW_CONSUMER = new CloseStatus(4008, "outbound queue overflow");
    static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY;

    private CloseCodes() {}
}
