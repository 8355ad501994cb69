package dev.parley.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The bare-relay baseline: a minimal Netty WebSocket server that forwards each text frame to the
 * connection named in it, with no authentication, storage or JSON work beyond finding the
 * recipient. It is built to be a strong baseline: the native transport where there is one, pooled
 * buffers, the frame forwarded without copying, and flushes consolidated.
 *
 * <p>A client first sends {@code {"hello":N}} to take the name N; then every frame it sends that
 * contains {@code "to":M} goes to M as it is.
 *
 * <p>Groups: a client sends {@code {"join":G}} to subscribe its connection to group G (the relay
 * answers {@code {"joined":G}}, so the client knows it is in); then every frame that contains
 * {@code "group":G} goes, as it is, to every subscriber of G but its sender. The bytes are not
 * copied: each target gets a retained duplicate of the one buffer.
 */
public final class Relay {

    static final int MAX_FRAME = 1 << 16;
    private static final byte[] HELLO = "\"hello\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TO = "\"to\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GROUP = "\"group\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JOIN = "\"join\":".getBytes(StandardCharsets.US_ASCII);

    private Relay() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        var channel = start(port);
        System.out.println("relay listening on " + port + " (" + Transport.name() + ")");
        channel.closeFuture().sync();
    }

    static Channel start(int port) throws InterruptedException {
        var forwarder = new Forwarder();
        return new ServerBootstrap()
                .group(Transport.group(1), Transport.group(0))
                .channel(Transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new FlushConsolidationHandler(256, true))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_FRAME))
                                .addLast(new WebSocketServerProtocolHandler("/ws", null, false, MAX_FRAME))
                                .addLast(forwarder);
                    }
                })
                .bind(port)
                .sync()
                .channel();
    }

    /** Forwards frames by name or to a group's subscribers; one instance serves every connection. */
    @ChannelHandler.Sharable
    static final class Forwarder extends SimpleChannelInboundHandler<TextWebSocketFrame> {

        private final Map<Long, Channel> byName = new ConcurrentHashMap<>();
        /** Subscriptions change rarely and are read on every group frame, hence copy-on-write sets. */
        private final Map<Long, Set<Channel>> groups = new ConcurrentHashMap<>();

        Forwarder() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, TextWebSocketFrame frame) {
            var content = frame.content();
            long to = number(content, TO);
            if (to >= 0) {
                var target = byName.get(to);
                if (target != null) {
                    target.writeAndFlush(frame);
                    return;
                }
                frame.release();
                return;
            }
            long group = number(content, GROUP);
            if (group >= 0) {
                fanOut(context.channel(), group, frame);
                return;
            }
            var channel = context.channel();
            long name = number(content, HELLO);
            if (name >= 0) {
                byName.put(name, channel);
                channel.closeFuture().addListener(f -> byName.remove(name, channel));
            } else {
                long join = number(content, JOIN);
                if (join >= 0) {
                    var subscribers = groups.computeIfAbsent(join, g -> new CopyOnWriteArraySet<>());
                    subscribers.add(channel);
                    channel.closeFuture().addListener(f -> subscribers.remove(channel));
                    context.writeAndFlush(new TextWebSocketFrame("{\"joined\":" + join + "}"));
                }
            }
            frame.release();
        }

        /**
         * Writes the frame to every subscriber of the group but the sender, each a retained
         * duplicate sharing the one buffer, and releases the original. Each write asks for a flush;
         * the target's FlushConsolidationHandler batches them.
         */
        private void fanOut(Channel sender, long group, TextWebSocketFrame frame) {
            var subscribers = groups.get(group);
            if (subscribers != null) {
                for (var target : subscribers) {
                    if (target != sender) {
                        target.writeAndFlush(frame.retainedDuplicate(), target.voidPromise());
                    }
                }
            }
            frame.release();
        }
    }

    /** The non-negative number after {@code key} in the frame, or -1. */
    static long number(ByteBuf content, byte[] key) {
        int start = content.readerIndex();
        int end = content.writerIndex() - key.length;
        outer:
        for (int i = start; i <= end; i++) {
            for (int k = 0; k < key.length; k++) {
                if (content.getByte(i + k) != key[k]) {
                    continue outer;
                }
            }
            long value = -1;
            for (int j = i + key.length; j < content.writerIndex(); j++) {
                byte b = content.getByte(j);
                if (b < '0' || b > '9') {
                    break;
                }
                value = (value < 0 ? 0 : value * 10) + (b - '0');
            }
            return value;
        }
        return -1;
    }
}
