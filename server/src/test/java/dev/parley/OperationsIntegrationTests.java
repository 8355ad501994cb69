package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.Messenger;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class OperationsIntegrationTests {

    @Autowired
    TestServer server;

    private HttpResponse<String> get(String path) throws Exception {
        return server.http()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void livenessAndReadinessProbesAreUp() throws Exception {
        for (var probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            var response = get(probe);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(response.body()).contains("\"UP\"");
        }
    }

    @Test
    void prometheusEndpointExposesTheMessagingMeters() throws Exception {
        var alice = server.newUser("metrics");
        var bob = server.newUser("metrics");
        server.befriend(alice, bob);
        try (var messenger = server.messenger(alice);
                var socket = server.connect(bob)) {
            messenger
                    .messenger()
                    .send(new Messenger.Target.User(bob.userId()), "counted")
                    .join();
            var body = get("/actuator/prometheus").body();
            assertThat(body)
                    .contains("parley_connections_open")
                    .contains("parley_frames_in_total")
                    .contains("parley_frames_out_total")
                    .contains("parley_messages_stored_total")
                    .contains("parley_send_ack_latency_seconds_bucket");
            assertThat(body).doesNotContain("counted").doesNotContain(alice.token());
        }
    }

    @Test
    void openApiDescribesTheRestApi() throws Exception {
        var response = get("/api/openapi");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("/api/conversations/{conversationId}/messages")
                .contains("/api/sessions");
    }

    @Test
    void messageBodiesPasswordsAndTokensNeverReachTheLog(CapturedOutput output) throws Exception {
        var alice = server.newUser("quiet");
        var bob = server.newUser("quiet");
        server.befriend(alice, bob);
        var secret = "the secret body " + System.nanoTime();
        try (var messenger = server.messenger(alice);
                var socket = server.connect(bob)) {
            messenger
                    .messenger()
                    .send(new Messenger.Target.User(bob.userId()), secret)
                    .join();
            socket.socket().sendText("{\"type\":\"send\",\"body\":\"" + secret + "\""); // malformed
            socket.frames().next("error");
            try {
                server.client().login(alice.username(), "wrong " + secret, "x");
            } catch (RuntimeException expected) {
                // refused, as it should be
            }
        }
        assertThat(output.getAll())
                .doesNotContain(secret)
                .doesNotContain(alice.token())
                .doesNotContain(bob.token())
                .doesNotContain(TestServer.PASSWORD);
    }

    @Test
    void serverRunsOnTheNativeTransportWhereThereIsOne() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getProperty("os.name").startsWith("Linux")
                        && System.getProperty("os.arch").equals("amd64"));
        assertThat(io.netty.channel.epoll.Epoll.isAvailable())
                .as("netty-transport-native-epoll is on the classpath and loads")
                .isTrue();
    }
}
