package dev.parley.bench;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** The bare relay as a wire: each pair is two connections, the sender's frames name the receiver. */
final class RelayWire implements Wire {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI uri;
    private final String padding;
    private final EventLoopGroup group = Transport.group(0);
    private final List<Channel> channels = new ArrayList<>();

    RelayWire(URI uri, int bodyBytes) {
        this.uri = uri;
        this.padding = "x".repeat(Math.max(0, bodyBytes - 20));
    }

    @Override
    public String name() {
        return "relay";
    }

    @Override
    public boolean acknowledges() {
        return false;
    }

    @Override
    public List<Pair> open(int pairs, Sink sink) throws Exception {
        var opened = new ArrayList<Pair>();
        for (int i = 0; i < pairs; i++) {
            long receiverName = 2L * i + 1;
            long stream = i;
            var receiver = WsClient.connect(group, uri, null, text -> {
                        var frame = JSON.readTree(text);
                        sink.delivered(
                                receiverName,
                                frame.path("id").asString(),
                                stream,
                                frame.path("n").asLong(),
                                frame.path("t").asLong());
                    })
                    .get();
            var sender = WsClient.connect(group, uri, null, text -> {}).get();
            receiver.writeAndFlush(new TextWebSocketFrame("{\"hello\":" + receiverName + "}"))
                    .sync();
            sender.writeAndFlush(new TextWebSocketFrame("{\"hello\":" + (2L * i) + "}"))
                    .sync();
            channels.add(receiver);
            channels.add(sender);
            opened.add(new Pair(stream, receiverName, new Sender() {
                @Override
                public void send(String messageId, long sentNanos, long sequence) {
                    sender.write(new TextWebSocketFrame("{\"to\":" + receiverName + ",\"id\":\"" + messageId
                            + "\",\"t\":" + sentNanos + ",\"n\":" + sequence + ",\"body\":\"" + padding + "\"}"));
                }

                @Override
                public void flush() {
                    sender.flush();
                }
            }));
        }
        Thread.sleep(200); // let the hellos register
        return opened;
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        group.shutdownGracefully();
    }
}
