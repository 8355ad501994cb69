package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessengerTests {

    private static final Model.Session SESSION = new Model.Session("the-token", 1, 2, "ann");
    private static final long CONVERSATION = 7;

    /** The send frames the fake server received, in order. */
    private final List<JsonNode> sends = new CopyOnWriteArrayList<>();

    @Test
    void sendRefusedForAReasonWorthARetryIsGivenUpAfterThirtyRetries() throws Exception {
        try (var messenger = new Messenger(serverRefusingSendsWith("overloaded"), SESSION, message -> {}).start()) {
            var sent = messenger.sendTo(CONVERSATION, "hello");

            // a retry every 200 ms: about six seconds
            assertRefusedWithin(Duration.ofSeconds(30), sent, "overloaded");
            assertThat(sends).as("the first send and thirty retries").hasSize(31);
            assertThat(sends)
                    .extracting(frame -> frame.path("clientMsgId").asString())
                    .as("each the same send, which the server would store once")
                    .containsOnly(sends.getFirst().path("clientMsgId").asString());
        }
    }

    @Test
    void sendRefusedForAReasonARetryCannotChangeFailsAtOnce() throws Exception {
        try (var messenger =
                new Messenger(serverRefusingSendsWith("message_too_long"), SESSION, message -> {}).start()) {
            var sent = messenger.sendTo(CONVERSATION, "hello");

            assertRefusedWithin(Duration.ofSeconds(10), sent, "message_too_long");
            assertThat(sends).as("no retry").hasSize(1);
            assertThat(sends.getFirst().path("clientMsgId").asString())
                    .as("a time-ordered id (ClientMsgIds), not a random one")
                    .matches("[0-9a-f]{12}-[0-9a-f]{20}");
        }
    }

    private static void assertRefusedWithin(Duration timeout, CompletableFuture<?> sent, String code) {
        assertThat(sent)
                .failsWithin(timeout)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(
                        ParleyException.class,
                        refused -> assertThat(refused.code()).isEqualTo(code));
    }

    /**
     * A client of a fake server: the WebSocket authenticates, the user has no conversations, and every send is
     * answered with an error frame carrying {@code code}.
     */
    private ParleyClient serverRefusingSendsWith(String code) throws Exception {
        var webSocket = mock(WebSocket.class);
        var listener = new AtomicReference<WebSocket.Listener>();
        var builder = mock(WebSocket.Builder.class);
        when(builder.connectTimeout(any())).thenReturn(builder);
        when(builder.buildAsync(any(), any())).thenAnswer(call -> {
            listener.set(call.getArgument(1));
            return CompletableFuture.completedFuture(webSocket);
        });
        when(webSocket.sendText(any(), anyBoolean())).thenAnswer(call -> {
            var frame = ParleyClient.JSON.readTree(call.getArgument(0).toString());
            var id = frame.path("id").asString();
            var answer = switch (frame.path("type").asString()) {
                case "auth" -> ParleySocket.frame("ready").put("id", id);
                case "send" -> {
                    sends.add(frame);
                    yield ParleySocket.frame("error")
                            .put("id", id)
                            .put("code", code)
                            .put("message", "refused by the fake server");
                }
                default -> null;
            };
            if (answer != null) {
                listener.get().onText(webSocket, ParleyClient.JSON.writeValueAsString(answer), true);
            }
            return CompletableFuture.completedFuture(webSocket);
        });
        when(webSocket.sendClose(any(int.class), any())).thenReturn(CompletableFuture.completedFuture(webSocket));

        var noConversations = mock(HttpResponse.class);
        when(noConversations.statusCode()).thenReturn(200);
        when(noConversations.body()).thenReturn("[]");
        var http = mock(HttpClient.class);
        when(http.newWebSocketBuilder()).thenReturn(builder);
        doReturn(noConversations).when(http).send(any(), any());
        return new ParleyClient(URI.create("http://parley.test"), http);
    }
}
