package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.ParleySocket;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@ServerTest
@TestPropertySource(properties = "parley.gateway.max-connections=2")
class ConnectionCapIntegrationTests {

    @Autowired
    TestServer server;

    @Test
    void connectionAboveTheCapIsRefusedCleanlyAndAdmittedOnceOneCloses() throws Exception {
        var session = server.newUser("capped");
        var first = server.connect(session);
        var second = server.connect(session);

        assertThatThrownBy(() -> ParleySocket.open(server.http(), server.webSocketUri(), frame -> {}))
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class, e -> {
                    assertThat(e.getResponse().statusCode()).isEqualTo(503);
                    assertThat(e.getResponse().headers().firstValue("Retry-After"))
                            .isPresent();
                });
        assertThat(first.socket().request(ParleySocket.frame("ping")).join()).isNotNull();
        assertThat(server.client().me(session.token()).id())
                .as("REST is unaffected by the WebSocket cap")
                .isEqualTo(session.userId());

        first.close();
        first.socket().closed().join();
        org.awaitility.Awaitility.await().untilAsserted(() -> {
            try (var third = server.connect(session)) {
                assertThat(third.socket().request(ParleySocket.frame("ping")).join())
                        .isNotNull();
            }
        });
        second.close();
    }
}
