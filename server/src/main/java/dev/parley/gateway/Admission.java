package dev.parley.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Enforces the per-node connection cap before the WebSocket handshake: above it, the upgrade
 * request is answered {@code 503 Service Unavailable} with a {@code Retry-After}, so a refused
 * client costs the node nothing but the HTTP exchange.
 */
@Component
class Admission {

    static final String PATH = "/ws";
    private static final byte[] REFUSAL = """
            {"type":"about:blank","title":"Service Unavailable","status":503,\
            "detail":"This node is at its connection limit","code":"connection_limit"}""".getBytes(StandardCharsets.UTF_8);

    private final int maxConnections;
    private final AtomicInteger handshaking = new AtomicInteger();
    private final Connections connections;
    private final Counter refused;

    Admission(GatewaySettings settings, Connections connections, MeterRegistry meters) {
        this.connections = connections;
        this.maxConnections = settings.maxConnections();
        this.refused = Counter.builder("parley.connections.refused")
                .description("WebSocket connections refused at the connection cap")
                .register(meters);
    }

    /**
     * Takes a place for a handshake, or says there is none. A handshake counts until {@link #handshaken()}, when its
     * connection counts instead (briefly both, erring on refusal).
     */
    boolean admit() {
        if (handshaking.incrementAndGet() + connections.count() > maxConnections) {
            handshaking.decrementAndGet();
            refused.increment();
            return false;
        }
        return true;
    }

    /** The handshake of an admitted connection ended, in a connection or not. */
    void handshaken() {
        handshaking.decrementAndGet();
    }

    /** The answer to an upgrade request above the cap. */
    Mono<Void> refuse(HttpServerResponse response) {
        return response.status(HttpResponseStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaderNames.RETRY_AFTER, "5")
                .header(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .sendByteArray(Mono.just(REFUSAL))
                .then();
    }
}
