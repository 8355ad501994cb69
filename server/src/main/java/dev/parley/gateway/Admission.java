package dev.parley.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Enforces the per-node connection cap before the WebSocket handshake: above it, the upgrade
 * request is answered {@code 503 Service Unavailable} with a {@code Retry-After}, so a refused
 * client costs the node nothing but the HTTP exchange.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class Admission implements WebFilter {

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

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!PATH.equals(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        // a connection counts from its handshake; briefly it counts twice (handshaking and open), erring on refusal
        if (handshaking.incrementAndGet() + connections.count() > maxConnections) {
            handshaking.decrementAndGet();
            refused.increment();
            var response = exchange.getResponse();
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return response.writeWith(
                    Mono.fromSupplier(() -> response.bufferFactory().wrap(REFUSAL)));
        }
        return chain.filter(exchange).doFinally(signal -> handshaking.decrementAndGet());
    }
}
