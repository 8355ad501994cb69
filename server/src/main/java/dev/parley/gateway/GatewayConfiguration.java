package dev.parley.gateway;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Routes {@code /ws} to the gateway on Reactor Netty itself, ahead of the Spring application: a WebSocket connection
 * then holds only Reactor Netty's objects and the gateway's, not a WebFlux exchange with its request, filters and
 * observation for its whole life (see docs/benchmarks.md, heap per connection).
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    NettyRouteProvider gatewayRoute(Admission admission, GatewayHandler handler, GatewaySettings settings) {
        var spec = WebsocketServerSpec.builder()
                .maxFramePayloadLength(settings.maxFrameBytes())
                .handlePing(false)
                .build();
        return routes -> routes.get(Admission.PATH, (request, response) -> {
            if (!request.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
                return response.status(HttpResponseStatus.BAD_REQUEST)
                        .sendString(Mono.just("A WebSocket upgrade request is expected here"))
                        .then();
            }
            if (!admission.admit()) {
                return admission.refuse(response);
            }
            var counted = new AtomicBoolean(true);
            Runnable handshaken = () -> {
                if (counted.compareAndSet(true, false)) {
                    admission.handshaken();
                }
            };
            return response.sendWebsocket(
                            (in, out) -> {
                                handshaken.run();
                                return handler.handle(in, out);
                            },
                            spec)
                    .doFinally(signal -> handshaken.run());
        });
    }
}
