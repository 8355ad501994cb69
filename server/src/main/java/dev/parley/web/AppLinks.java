package dev.parley.web;

import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves the web client at the links that QR codes and invitations carry, {@code /join/<token>} (group invite links,
 * docs/protocol.md §13.8) and {@code /add/<code>} (add-friend links, §10): a {@code GET} of such a path is answered
 * with {@code index.html}, whose scripts read the path and show the invite or the person.
 */
@Component
class AppLinks implements WebFilter {

    private static final Pattern LINK = Pattern.compile("^/(join|add)/[A-Za-z0-9_-]{1,64}/?$");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if ((request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD)
                && LINK.matcher(request.getPath().value()).matches()) {
            var forwarded = request.mutate().path("/index.html").build();
            return chain.filter(exchange.mutate().request(forwarded).build());
        }
        return chain.filter(exchange);
    }
}
