package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connection load process's plan and line protocol, and a run of it against a stand-in that answers every connection {@code ready}. */
class ConnectionLoadTests {

    @Test
    void connectionsAreSpreadEvenlyOverProcessesOfAtMostTheShareEachOnAddressesOfTheirOwn() {
        var shares = ConnectionLoad.plan(19_000, 9_000);

        assertThat(shares).hasSize(3);
        assertThat(shares).extracting(ConnectionLoad.Share::count).containsExactly(6_334, 6_333, 6_333);
        assertThat(shares)
                .extracting(ConnectionLoad.Share::sourceAddress)
                .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
        assertThat(shares.getFirst().tokens()).isEqualTo(634);
        assertThat(ConnectionLoad.plan(60, 9_000)).containsExactly(new ConnectionLoad.Share(0, 60, "127.0.0.2"));
        assertThat(ConnectionLoad.plan(18_000, 9_000))
                .extracting(ConnectionLoad.Share::count)
                .containsExactly(9_000, 9_000);
        assertThat(ConnectionLoad.plan(0, 9_000)).hasSize(1);
        assertThatThrownBy(() -> ConnectionLoad.plan(254 * 10, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linesCarryTheirFieldsAndHistogramsSurviveTheTrip() {
        var times = new Histogram(3);
        times.recordValue(1_500_000);
        times.recordValue(40_000_000);
        var line =
                ConnectionLoad.Line.of("done", "ready", 9000, "failed", 0, "histogram", ConnectionLoad.encode(times));

        var parsed = ConnectionLoad.Line.parse(line.format() + "\n");

        assertThat(parsed.kind()).isEqualTo("done");
        assertThat(parsed.number("ready")).isEqualTo(9000);
        assertThat(parsed.number("failed")).isZero();
        assertThat(ConnectionLoad.decode(parsed.fields().get("histogram"))).isEqualTo(times);
        assertThat(ConnectionLoad.Line.parse(
                                "error WebSocketClientHandshakeException: Invalid handshake response status: 503")
                        .fields())
                .containsEntry("text", "WebSocketClientHandshakeException: Invalid handshake response status: 503");
        assertThat(ConnectionLoad.Line.parse("closed").kind()).isEqualTo("closed");
    }

    private EventLoopGroup group;
    private Channel server;
    private final Set<String> sources = ConcurrentHashMap.newKeySet();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startStandIn() throws InterruptedException {
        group = Transport.group(1);
        server = new ServerBootstrap()
                .group(group)
                .channel(Transport.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(1 << 16))
                                .addLast(new WebSocketServerProtocolHandler("/ws"))
                                .addLast(new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext context, Object event) {
                                        if (event
                                                instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
                                            tokens.add(
                                                    handshake.requestHeaders().get("Authorization"));
                                            sources.add(((InetSocketAddress)
                                                            context.channel().remoteAddress())
                                                    .getAddress()
                                                    .getHostAddress());
                                            context.writeAndFlush(new TextWebSocketFrame("{\"type\":\"ready\"}"));
                                        }
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
    }

    @AfterEach
    void stopStandIn() throws InterruptedException {
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void aLoadProcessConnectsFromItsSourceAddressReportsEveryReadyAndHoldsUntilClose() throws Exception {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        var lines = new LinkedBlockingQueue<String>();
        var load = new ConnectionLoad(URI.create("ws://127.0.0.1:" + port + "/ws"), 25, "127.0.0.9", lines::add);
        var stdin = new PipedWriter();
        var reader = new BufferedReader(new PipedReader(stdin));
        var exit = new LinkedBlockingQueue<Integer>();
        Thread.ofPlatform().start(() -> {
            try {
                exit.add(load.run(reader));
            } catch (IOException | InterruptedException e) {
                exit.add(-1);
            }
        });

        write(stdin, "t1", "t2", "t3", "");
        assertThat(next(lines, "waiting").number("tokens")).isEqualTo(3);
        write(stdin, "go");
        var done = next(lines, "done");
        assertThat(done.number("ready")).isEqualTo(25);
        assertThat(done.number("failed")).isZero();
        assertThat(ConnectionLoad.decode(done.fields().get("histogram")).getTotalCount())
                .isEqualTo(25);
        assertThat(sources).containsExactly("127.0.0.9");
        assertThat(tokens).containsExactlyInAnyOrder("Bearer t1", "Bearer t2", "Bearer t3");

        write(stdin, "close");
        var held = next(lines, "held");
        assertThat(held.number("open")).isEqualTo(25);
        assertThat(held.number("dropped")).isZero();
        assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("closed");
        assertThat(exit.poll(10, TimeUnit.SECONDS)).isZero();
    }

    private static void write(PipedWriter stdin, String... lines) throws IOException {
        for (var line : lines) {
            stdin.write(line + "\n");
        }
        stdin.flush();
    }

    /** The next line of {@code kind}, skipping progress lines; fails on an error line. */
    private static ConnectionLoad.Line next(BlockingQueue<String> lines, String kind) throws InterruptedException {
        while (true) {
            var text = lines.poll(20, TimeUnit.SECONDS);
            assertThat(text).as("a " + kind + " line").isNotNull();
            var line = ConnectionLoad.Line.parse(text);
            assertThat(line.kind()).as(text).isNotEqualTo("error");
            if (line.kind().equals(kind)) {
                return line;
            }
        }
    }
}
