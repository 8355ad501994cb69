package dev.parley.gateway;

import dev.parley.account.Authentication;
import dev.parley.account.Caller;
import dev.parley.account.Unauthenticated;
import dev.parley.message.MessageSending;
import dev.parley.shared.Blocking;
import dev.parley.shared.Refusal;
import io.netty.channel.Channel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.EventExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;

/**
 * Runs each WebSocket connection: registers it, authenticates it (by header at the handshake or by
 * the first {@code auth} frame), feeds its frames one at a time, in order, to the {@link
 * Dispatcher}, and unregisters it when it ends.
 */
@Component
class GatewayHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);
    private final Connections connections;
    private final Authentication authentication;
    private final Dispatcher dispatcher;
    private final Frames frames;
    private final Blocking blocking;
    private final GatewayMetrics metrics;
    private final GatewaySettings settings;
    private final MessageSending sending;
    private final Map<EventExecutor, Outbox> outboxes = new ConcurrentHashMap<>();

    GatewayHandler(
            Connections connections,
            Authentication authentication,
            Dispatcher dispatcher,
            Frames frames,
            Blocking blocking,
            GatewayMetrics metrics,
            GatewaySettings settings,
            MessageSending sending) {
        this.connections = connections;
        this.authentication = authentication;
        this.dispatcher = dispatcher;
        this.frames = frames;
        this.blocking = blocking;
        this.metrics = metrics;
        this.settings = settings;
        this.sending = sending;
    }

    /** An inbound frame, read while its buffer is valid: its text, or what else it was. */
    private record Inbound(Kind kind, @Nullable String text) {

        enum Kind {
            TEXT,
            PONG,
            OTHER
        }

        static Inbound of(WebSocketFrame frame) {
            return switch (frame) {
                case TextWebSocketFrame text -> new Inbound(Kind.TEXT, text.text());
                case PongWebSocketFrame pong -> new Inbound(Kind.PONG, null);
                default -> new Inbound(Kind.OTHER, null);
            };
        }
    }

    /** The Reactor Netty side of a connection. */
    private record NettySocket(WebsocketOutbound out, Channel channel) implements Socket {

        @Override
        public void write(WebSocketFrame frame) {
            channel.write(frame, channel.voidPromise());
        }

        @Override
        public void flush() {
            channel.flush();
        }

        @Override
        public int waitingWrites() {
            var buffer = channel.unsafe().outboundBuffer();
            return buffer == null ? 0 : buffer.size();
        }

        @Override
        public void close(CloseStatus status) {
            out.sendClose(status.getCode(), status.getReason()).subscribe(null, error -> {});
        }

        @Override
        public void abort() {
            channel.close();
        }
    }

    /** Runs one upgraded connection until it ends. */
    Mono<Void> handle(WebsocketInbound in, WebsocketOutbound out) {
        var channel = new Channel[1];
        in.withConnection(netty -> channel[0] = netty.channel());
        var connection = new Connection(
                new NettySocket(out, channel[0]),
                outboxes.computeIfAbsent(channel[0].eventLoop(), Outbox::new),
                settings.maxQueuedFrames(),
                metrics,
                System.nanoTime());
        connections.opened(connection);
        var headerToken = Authentication.bearerToken(in.headers().get(HttpHeaderNames.AUTHORIZATION));
        Mono<Void> authByHeader = headerToken == null ? Mono.empty() : authenticate(connection, null, headerToken);
        return authByHeader
                .thenMany(in.aggregateFrames(settings.maxFrameBytes())
                        .receiveFrames()
                        .map(Inbound::of))
                .concatMap(frame -> onFrame(connection, frame), 1)
                .then()
                .onErrorResume(error -> {
                    if (tooBig(error)) {
                        connection.close(CloseStatus.TOO_BIG_TO_PROCESS);
                        // the session ends when this returns: its close frame must be out first
                        return Mono.fromFuture(connection.closeWritten());
                    }
                    return Mono.empty();
                })
                .doFinally(signal -> {
                    connection.terminated();
                    connections.closed(connection);
                });
    }

    private Mono<Void> onFrame(Connection connection, Inbound message) {
        connection.inbound(System.nanoTime());
        // a client's WebSocket pings are answered by Reactor Netty and never arrive here; pongs do, and count as
        // traffic
        if (message.kind() == Inbound.Kind.PONG) {
            return Mono.empty();
        }
        metrics.frameIn();
        if (message.kind() != Inbound.Kind.TEXT || message.text() == null) {
            connection.send(frames.error(null, "malformed_frame", "Frames are JSON text frames"));
            return Mono.empty();
        }
        long receivedNanos = System.nanoTime();
        JsonNode frame;
        try {
            frame = frames.read(message.text());
        } catch (Refusal refusal) {
            connection.send(frames.error(null, refusal));
            return Mono.empty();
        }
        var id = Frames.id(frame);
        var type = frame.get("type").stringValue();
        if (type.equals("ping")) {
            connection.send(frames.write(new Frames.Pong("pong", id)));
            return Mono.empty();
        }
        var caller = connection.caller();
        if (type.equals("auth")) {
            if (caller != null) {
                connection.send(frames.error(id, "already_authenticated", "This connection is already authenticated"));
                return Mono.empty();
            }
            String token;
            try {
                token = Frames.requiredString(frame, "token");
            } catch (Refusal refusal) {
                connection.send(frames.error(id, refusal));
                return Mono.empty();
            }
            return authenticate(connection, id, token);
        }
        if (caller == null) {
            connection.send(frames.error(id, new Unauthenticated()));
            return Mono.empty();
        }
        return Mono.defer(() -> dispatcher.dispatch(connection, caller, type, frame, receivedNanos))
                .onErrorResume(Refusal.class, refusal -> {
                    connection.send(frames.error(id, refusal));
                    return Mono.empty();
                })
                .onErrorResume(error -> {
                    log.warn(
                            "Frame of type {} failed ({})",
                            type,
                            error.getClass().getName(),
                            error);
                    connection.send(frames.error(id, "internal_error", "The server could not handle this frame"));
                    return Mono.empty();
                });
    }

    private Mono<Void> authenticate(Connection connection, JsonNode id, String token) {
        return blocking.call(() -> authentication.authenticate(token))
                .doOnNext(caller -> {
                    connections.authenticated(connection, caller);
                    connection.send(frames.write(ready(id, caller)));
                })
                .onErrorResume(Unauthenticated.class, refused -> {
                    connection.send(frames.error(id, "invalid_token", "The token is unknown, logged out or revoked"));
                    connection.close(CloseCodes.AUTH_FAILED);
                    return Mono.empty();
                })
                .onErrorResume(error -> {
                    log.warn("Could not check a token ({})", error.getClass().getName());
                    connection.send(
                            frames.error(id, "internal_error", "The token could not be checked; reconnect later"));
                    connection.close(CloseStatus.SERVER_ERROR);
                    return Mono.empty();
                })
                .then();
    }

    private Frames.Ready ready(JsonNode id, Caller caller) {
        return new Frames.Ready(
                "ready",
                id,
                caller.userId(),
                caller.deviceId(),
                settings.idleTimeout().toSeconds(),
                settings.maxFrameBytes(),
                sending.recallWindow().toSeconds());
    }

    private static boolean tooBig(Throwable error) {
        for (var cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TooLongFrameException
                    || (cause instanceof CorruptedWebSocketFrameException corrupted
                            && corrupted.closeStatus().code() == CloseStatus.TOO_BIG_TO_PROCESS.getCode())) {
                return true;
            }
        }
        return false;
    }
}
