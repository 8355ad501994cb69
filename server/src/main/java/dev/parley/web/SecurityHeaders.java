package dev.parley.web;

import java.io.IOException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts the web client's Content-Security-Policy and a few companion headers on every answer that does not set its own
 * (signed media keeps its stricter {@code default-src 'none'; sandbox}).
 */
@Component
class SecurityHeaders implements WebFilter {

    static final String PAGE = "static/index.html";

    private final String policy;

    SecurityHeaders() throws IOException {
        var page = new ClassPathResource(PAGE);
        this.policy = page.exists()
                ? ContentSecurityPolicy.forPage(page.getInputStream())
                : ContentSecurityPolicy.forPage("");
    }

    String policy() {
        return policy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var response = exchange.getResponse();
        response.beforeCommit(() -> {
            var headers = response.getHeaders();
            if (!headers.containsHeader(ContentSecurityPolicy.HEADER)) {
                headers.set(ContentSecurityPolicy.HEADER, policy);
            }
            if (!headers.containsHeader("X-Content-Type-Options")) {
                headers.set("X-Content-Type-Options", "nosniff");
            }
            if (!headers.containsHeader("Referrer-Policy")) {
                headers.set("Referrer-Policy", "no-referrer");
            }
            if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL) && isShell(exchange)) {
                // the service worker keeps the shell for offline start; the browser revalidates it otherwise
                headers.set(HttpHeaders.CACHE_CONTROL, "no-cache");
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static boolean isShell(ServerWebExchange exchange) {
        var path = exchange.getRequest().getPath().value();
        return !path.startsWith("/api/") && !path.startsWith("/media/") && !path.startsWith("/ws");
    }
}
