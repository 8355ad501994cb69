package dev.parley.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.net.SocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A lean Netty WebSocket client for the load generator: text frames in, text frames out. */
final class WsClient {

    private WsClient() {}

    /**
     * Connects and completes once the handshake is done. {@code onText} runs on the channel's event
     * loop, one frame at a time and in arrival order.
     */
    static CompletableFuture<Channel> connect(
            EventLoopGroup group, URI uri, String bearerToken, Consumer<String> onText) {
        return connect(group, uri, null, bearerToken, onText);
    }

    /**
     * As {@link #connect(EventLoopGroup, URI, String, Consumer)}, with the client socket bound to
     * {@code localAddress} first (null: the system's choice). Binding each load process to its own
     * loopback address (127.0.0.2, 127.0.0.3, …) gives each its own range of ephemeral ports.
     */
    static CompletableFuture<Channel> connect(
            EventLoopGroup group, URI uri, SocketAddress localAddress, String bearerToken, Consumer<String> onText) {
        var headers = new DefaultHttpHeaders();
        if (bearerToken != null) {
            headers.set("Authorization", "Bearer " + bearerToken);
        }
        var handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                uri, WebSocketVersion.V13, null, false, headers, 1 << 20);
        var ready = new CompletableFuture<Channel>();
        var bootstrap = new Bootstrap();
        if (localAddress != null) {
            bootstrap.localAddress(localAddress);
        }
        bootstrap
                .group(group)
                .channel(Transport.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new FlushConsolidationHandler(256, true))
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(1 << 20))
                                .addLast(new WebSocketClientProtocolHandler(handshaker))
                                .addLast(new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext context, Object event) {
                                        if (event
                                                == WebSocketClientProtocolHandler.ClientHandshakeStateEvent
                                                        .HANDSHAKE_COMPLETE) {
                                            ready.complete(context.channel());
                                        }
                                        context.fireUserEventTriggered(event);
                                    }

                                    @Override
                                    protected void channelRead0(
                                            ChannelHandlerContext context, TextWebSocketFrame frame) {
                                        onText.accept(frame.text());
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext context) {
                                        ready.completeExceptionally(new IllegalStateException("connection closed"));
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
                                        ready.completeExceptionally(cause);
                                        context.close();
                                    }
                                });
                    }
                })
                .connect(uri.getHost(), uri.getPort())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        ready.completeExceptionally(f.cause());
                    }
                });
        return ready;
    }
}
