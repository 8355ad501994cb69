package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doThrow;

import dev.parley.account.Authentication;
import dev.parley.client.ParleyException;
import dev.parley.client.ParleySocket;
import dev.parley.shared.Notice;
import dev.parley.testing.Recorder;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Subscription;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

@ServerTest
@TestPropertySource(
        properties = {
            "parley.gateway.auth-timeout=1s",
            "parley.gateway.idle-timeout=2s",
            "parley.gateway.ping-interval=400ms",
            "parley.gateway.sweep-interval=100ms",
            "parley.gateway.max-queued-frames=32",
            // shorter than the tests' waits: shows that the HTTP idle timeout does not touch WebSocket connections
            "server.netty.idle-timeout=1s"
        })
class GatewayIntegrationTests {

    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(10);

    @Autowired
    TestServer server;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ApplicationEventPublisher events;

    /** The real authentication, which a test may make fail for one token as if the database were down. */
    @MockitoSpyBean
    Authentication authentication;

    @Test
    void unauthenticatedFrameIsRefusedAndTheConnectionMayStillAuthenticate() {
        var session = server.newUser("ann");
        var frames = new Recorder.Frames();
        try (var socket = ParleySocket.open(server.http(), server.webSocketUri(), frames)) {
            var refused = socket.request(ParleySocket.frame("send")
                    .put("clientMsgId", "x")
                    .put("toUserId", 1)
                    .put("body", "hi"));
            assertThatThrownBy(refused::join)
                    .cause()
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("unauthenticated"));

            var ready = socket.request(ParleySocket.frame("auth").put("token", session.token()))
                    .join();
            assertThat(ready.path("type").asString()).isEqualTo("ready");
            assertThat(ready.path("userId").asLong()).isEqualTo(session.userId());
            assertThat(ready.path("deviceId").asLong()).isEqualTo(session.deviceId());
            assertThat(ready.path("recallWindowSeconds").asLong())
                    .as("the default recall window, so that clients offer recall only while it works")
                    .isEqualTo(120);
        }
    }

    @Test
    void connectionThatDoesNotAuthenticateInTimeIsClosed() throws Exception {
        try (var socket = ParleySocket.open(server.http(), server.webSocketUri(), frame -> {})) {
            var closed = socket.closed().get(CLOSE_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(closed.code()).isEqualTo(4001);
        }
    }

    @Test
    void invalidTokenIsAnsweredAndTheConnectionClosed() throws Exception {
        assertThat(authRefused("not-a-token", "invalid_token")).isEqualTo(4002);
    }

    /** Authenticates a new connection with the token; checks the error frame's code and returns the close code. */
    private int authRefused(String token, String code) throws Exception {
        try (var socket = ParleySocket.open(server.http(), server.webSocketUri(), frame -> {})) {
            var refused = socket.request(ParleySocket.frame("auth").put("token", token));
            assertThatThrownBy(refused::join)
                    .cause()
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo(code));
            return socket.closed()
                    .get(CLOSE_PATIENCE.toSeconds(), TimeUnit.SECONDS)
                    .code();
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void tokenThatCannotBeCheckedIsAnsweredAsAnInternalErrorAndTheConnectionClosed(CapturedOutput output)
            throws Exception {
        var session = server.newUser("unchecked");
        doThrow(new DataAccessResourceFailureException("the database is down"))
                .when(authentication)
                .authenticate(session.token());
        assertThat(authRefused(session.token(), "internal_error"))
                .as("a server error, not an authentication failure: the client may reconnect with the same token")
                .isEqualTo(1011);
        assertThat(output.getAll()).contains("Could not check a token").doesNotContain(session.token());
    }

    @Test
    void nonBrowserClientMayAuthenticateWithAnAuthorizationHeader() throws Exception {
        var session = server.newUser("hdr");
        var frames = new Recorder.Frames();
        var webSocket = server.http()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + session.token())
                .buildAsync(server.webSocketUri(), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        frames.accept(
                                dev.parley.client.ParleySocket.frame("raw").put("text", data.toString()));
                        ws.request(1);
                        return null;
                    }
                })
                .join();
        try {
            var ready = frames.next(frame -> frame.path("text").asString().contains("\"ready\""), Recorder.PATIENCE);
            assertThat(ready).isNotNull();
            assertThat(ready.path("text").asString()).contains("\"userId\":" + session.userId());
        } finally {
            webSocket.abort();
        }
    }

    @Test
    void appPingIsAnsweredWithPongEchoingTheId() {
        try (var socket = server.connect(server.newUser("pinger"))) {
            var pong = socket.socket().request(ParleySocket.frame("ping")).join();
            assertThat(pong.path("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void malformedFramesAreAnsweredWithErrorsAndTheConnectionStaysUsable() {
        try (var socket = server.connect(server.newUser("sloppy"))) {
            socket.socket().sendText("this is not json");
            var malformed = socket.frames().next("error");
            assertThat(malformed.path("code").asString()).isEqualTo("malformed_frame");

            socket.socket().sendText("[1,2,3]");
            assertThat(socket.frames().next("error").path("code").asString()).isEqualTo("malformed_frame");

            var unknown = socket.socket().request(ParleySocket.frame("teleport"));
            assertThatThrownBy(unknown::join)
                    .cause()
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("unknown_type"));

            var missing = socket.socket().request(ParleySocket.frame("send").put("clientMsgId", "x"));
            assertThatThrownBy(missing::join).cause().satisfies(e -> {
                assertThat(((ParleyException) e).code()).isEqualTo("invalid_frame");
                assertThat(e.getMessage()).contains("body");
            });

            var wrongType = socket.socket()
                    .request(ParleySocket.frame("read")
                            .put("conversationId", "abc")
                            .put("seq", 1));
            assertThatThrownBy(wrongType::join)
                    .cause()
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("invalid_frame"));

            assertThat(socket.socket()
                            .request(ParleySocket.frame("ping"))
                            .join()
                            .path("type")
                            .asString())
                    .isEqualTo("pong");
            assertThat(socket.socket().isOpen()).isTrue();
        }
    }

    @Test
    void oversizedFrameClosesTheConnectionWithMessageTooBig() throws Exception {
        try (var socket = server.connect(server.newUser("big"))) {
            var huge = "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
            socket.socket().sendText(huge);
            var closed = socket.socket().closed().get(CLOSE_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(closed.code()).isEqualTo(1009);
        }
    }

    @Test
    void clientThatAnswersPingsStaysConnectedPastTheIdleTimeout() throws Exception {
        try (var socket = server.connect(server.newUser("alive"))) {
            Thread.sleep(3_000); // idle timeout is 2 s; the JDK client answers the server's pings
            assertThat(socket.socket().isOpen()).isTrue();
            assertThat(socket.socket().request(ParleySocket.frame("ping")).join())
                    .isNotNull();
        }
    }

    @Test
    void silentConnectionIsClosedAfterTheIdleTimeout() {
        var session = server.newUser("silent");
        // a client that never answers pings: Reactor Netty with handlePing leaves pings to the application
        var closeCode = HttpClient.create()
                .websocket(WebsocketClientSpec.builder().handlePing(true).build())
                .uri(server.webSocketUri())
                .handle((in, out) -> out.sendString(reactor.core.publisher.Mono.just(
                                "{\"type\":\"auth\",\"token\":\"" + session.token() + "\"}"))
                        .then()
                        .thenMany(in.receiveCloseStatus().map(status -> status.code())))
                .blockFirst(CLOSE_PATIENCE);
        assertThat(closeCode).isEqualTo(4000);
    }

    @Test
    void clientThatCannotKeepUpIsClosedWithoutSlowingOthers() {
        var alice = server.newUser("fast");
        var slow = server.newAccount("slow");
        server.befriend(server.account(alice), slow);
        var slowToken = server.login(slow).token();
        // logged in now: this class's 1 s HTTP idle timeout could close a pooled connection while the stalled client
        // below is set up, and a request sent on it just then would fail
        var readingDevice = server.login(slow);
        double slowClosesBefore = slowConsumerCloses();
        // A client that stops reading: a small fixed receive buffer (so the kernel cannot absorb the flood, whatever
        // its autotuning allows) and no demand after the "ready" frame, so Reactor Netty stops reading the socket.
        var outbound = Sinks.many().unicast().<String>onBackpressureBuffer();
        var ready = new CompletableFuture<Void>();
        var stalled = HttpClient.create()
                .option(ChannelOption.SO_RCVBUF, 8192)
                .websocket()
                .uri(server.webSocketUri())
                .handle((in, out) -> {
                    in.receiveFrames().subscribe(new BaseSubscriber<WebSocketFrame>() {
                        @Override
                        protected void hookOnSubscribe(Subscription subscription) {
                            subscription.request(1);
                        }

                        @Override
                        protected void hookOnNext(WebSocketFrame frame) {
                            ready.complete(null); // and never ask for more
                        }
                    });
                    return out.sendString(outbound.asFlux());
                })
                .subscribe();
        outbound.tryEmitNext("{\"type\":\"auth\",\"token\":\"" + slowToken + "\"}");
        ready.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();

        var body = "🐢".repeat(4000);
        try (var reading = server.connect(readingDevice);
                var sender = server.connect(alice)) {
            int sent = 0;
            while (sent < 1500 && slowConsumerCloses() == slowClosesBefore) {
                // the stalled client still sends, so the 2 s idle timeout cannot close it first on a busy machine
                outbound.tryEmitNext("{\"type\":\"ping\"}");
                var batch = new java.util.ArrayList<CompletableFuture<?>>();
                for (int i = 0; i < 50; i++, sent++) {
                    batch.add(sender.socket()
                            .request(ParleySocket.frame("send")
                                    .put("clientMsgId", "flood-" + sent)
                                    .put("toUserId", slow.id())
                                    .put("body", body)));
                }
                batch.forEach(CompletableFuture::join);
            }
            assertThat(slowConsumerCloses())
                    .as("the stalled connection was closed")
                    .isGreaterThan(slowClosesBefore);
            int expected = sent;
            int received = 0;
            while (received < expected
                    && reading.frames()
                                    .next(f -> "message".equals(f.path("type").asString()), Duration.ofSeconds(10))
                            != null) {
                received++;
            }
            assertThat(received)
                    .as("the other device of the same user got every push")
                    .isEqualTo(expected);
            assertThat(reading.socket().request(ParleySocket.frame("ping")).join())
                    .isNotNull();
        } finally {
            outbound.tryEmitComplete();
            stalled.dispose();
        }
    }

    @Test
    void noticeReachesEveryDeviceOfItsUsersAndNobodyElse() {
        var account = server.newAccount("noticed");
        try (var phone = server.connect(server.login(account));
                var laptop = server.connect(server.login(account));
                var stranger = server.connect(server.newUser("stranger"))) {
            events.publishEvent(new Notice(Set.of(account.id()), "test.happened", Map.of("answer", 42)));

            for (var device : java.util.List.of(phone, laptop)) {
                var event = device.frames().next("event");
                assertThat(event.path("event").asString()).isEqualTo("test.happened");
                assertThat(event.path("data").path("answer").asInt()).isEqualTo(42);
            }
            assertThat(stranger.frames().during("event", Duration.ofMillis(300)))
                    .isEmpty();
        }
    }

    private double slowConsumerCloses() {
        var counter =
                meters.find("parley.connections.closed").tag("code", "4008").counter();
        return counter == null ? 0 : counter.count();
    }
}
