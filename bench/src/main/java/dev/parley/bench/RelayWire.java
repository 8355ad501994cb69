package dev.parley.bench;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bare relay as a wire: each pair is two connections, the sender's frames name the receiver;
 * each group is a sender and {@code members − 1} subscribed connections, the sender's frames name
 * the group.
 *
 * <p>With receipts, the recipient of a pair answers every frame, as a Parley client answers a message
 * of a direct chat with {@code delivered}, with a frame the relay forwards to the sender (as Parley
 * pushes the {@code receipt} to the other member). Group members answer nothing, as Parley clients
 * send no {@code delivered} in a group.
 */
final class RelayWire implements Wire {

    /** Group numbers on the relay, unique within this process so that two wires never share one. */
    private static final AtomicLong GROUPS = new AtomicLong();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI uri;
    private final String padding;
    private final boolean receipts;
    private final EventLoopGroup group = Transport.group(0);
    private final List<Channel> channels = Collections.synchronizedList(new ArrayList<>());

    RelayWire(URI uri, int bodyBytes, boolean receipts) {
        this.uri = uri;
        this.padding = "x".repeat(Math.max(0, bodyBytes - 20));
        this.receipts = receipts;
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
            long senderName = 2L * i;
            long stream = i;
            var receiverChannel = new Channel[1];
            LongConsumer answer = n -> {
                if (receipts && receiverChannel[0] != null) {
                    receiverChannel[0].writeAndFlush(
                            new TextWebSocketFrame("{\"to\":" + senderName + ",\"receipt\":" + n + "}"));
                }
            };
            var receiver = WsClient.connect(group, uri, null, deliveries(receiverName, stream, sink, answer))
                    .get();
            receiverChannel[0] = receiver;
            var sender =
                    WsClient.connect(group, uri, null, text -> sink.receipted()).get();
            receiver.writeAndFlush(new TextWebSocketFrame("{\"hello\":" + receiverName + "}"))
                    .sync();
            sender.writeAndFlush(new TextWebSocketFrame("{\"hello\":" + senderName + "}"))
                    .sync();
            channels.add(receiver);
            channels.add(sender);
            opened.add(new Pair(stream, receiverName, sender(sender, "\"to\":" + receiverName)));
        }
        Thread.sleep(200); // let the hellos register
        return opened;
    }

    @Override
    public List<Pair> openGroups(int groups, int members, Sink sink, Driver.Progress progress) throws Exception {
        var opened = new ArrayList<Pair>();
        long nextRecipient = 0;
        for (int g = 0; g < groups; g++) {
            long relayGroup = GROUPS.getAndIncrement();
            long stream = g;
            var recipients = new HashSet<Long>();
            var connecting = new ArrayList<CompletableFuture<Channel>>();
            var joined = new ArrayList<CompletableFuture<Void>>();
            for (int m = 1; m < members; m++) {
                long recipient = nextRecipient++;
                recipients.add(recipient);
                var isIn = new CompletableFuture<Void>();
                joined.add(isIn);
                var deliveries = deliveries(recipient, stream, sink, n -> {});
                connecting.add(WsClient.connect(group, uri, null, text -> {
                    if (!isIn.isDone() && text.startsWith("{\"joined\"")) {
                        isIn.complete(null);
                        return;
                    }
                    deliveries.accept(text);
                }));
            }
            for (var connection : connecting) {
                var receiver = connection.get();
                channels.add(receiver);
                receiver.writeAndFlush(new TextWebSocketFrame("{\"join\":" + relayGroup + "}"));
            }
            CompletableFuture.allOf(joined.toArray(CompletableFuture[]::new)).get();
            var sender = WsClient.connect(group, uri, null, text -> {}).get();
            channels.add(sender);
            opened.add(new Pair(stream, recipients, sender(sender, "\"group\":" + relayGroup)));
            progress.line(String.format("relay  group setup %d / %d groups of %d", g + 1, groups, members));
        }
        progress.done();
        return opened;
    }

    /** Reports each frame a recipient gets, then hands its number to {@code answer}. */
    private static Consumer<String> deliveries(long recipient, long stream, Sink sink, LongConsumer answer) {
        return text -> {
            var frame = JSON.readTree(text);
            long n = frame.path("n").asLong();
            sink.delivered(
                    recipient,
                    frame.path("id").asString(),
                    stream,
                    n,
                    frame.path("t").asLong());
            answer.accept(n);
        };
    }

    /** Writes frames that the relay forwards as {@code address} says ({@code "to":N} or {@code "group":G}). */
    private Sender sender(Channel channel, String address) {
        return new Sender() {
            @Override
            public void send(String messageId, long sentNanos, long sequence) {
                channel.write(new TextWebSocketFrame("{" + address + ",\"id\":\"" + messageId + "\",\"t\":" + sentNanos
                        + ",\"n\":" + sequence + ",\"body\":\"" + padding + "\"}"));
            }

            @Override
            public void flush() {
                channel.flush();
            }
        };
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        group.shutdownGracefully();
    }
}
