package dev.parley.gateway;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

/** Maps {@code /ws} to the gateway and sets up the handshake: frame size limit. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration implements WebFluxConfigurer {

    private final GatewaySettings settings;

    GatewayConfiguration(GatewaySettings settings) {
        this.settings = settings;
    }

    @Bean
    HandlerMapping gatewayMapping(GatewayHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of(Admission.PATH, handler), -1);
    }

    @Override
    public WebSocketService getWebSocketService() {
        var spec = WebsocketServerSpec.builder()
                .maxFramePayloadLength(settings.maxFrameBytes())
                .handlePing(false);
        var service = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(() -> spec));
        return service;
    }
}
