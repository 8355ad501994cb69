package dev.parley.bench;

import dev.parley.client.Model;
import dev.parley.client.ParleyClient;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Parley node as a wire: each pair is two users (friends, with their direct conversation) each
 * on one connection; the sender's {@code send} frames are acknowledged after commit and pushed to
 * the receiver.
 */
final class ParleyWire implements Wire {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "bench passphrase 1";

    private final URI base;
    private final ParleyClient client;
    private final String padding;
    private final EventLoopGroup group = Transport.group(0);
    private final List<Channel> channels = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    ParleyWire(URI base, int bodyBytes) {
        this.base = base;
        this.client = new ParleyClient(base);
        this.padding = "x".repeat(Math.max(0, bodyBytes - 20));
    }

    @Override
    public String name() {
        return "parley";
    }

    @Override
    public List<Pair> open(int pairs, Sink sink) throws Exception {
        var opened = new ArrayList<Pair>();
        var run = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < pairs; i++) {
            var alice = newUser("b" + run + "s" + i);
            var bob = newUser("b" + run + "r" + i);
            Friends.befriend(client, alice, bob);
            long conversationId = client.direct(alice.token(), bob.userId()).id();
            long recipient = bob.userId();
            var receiver = connect(bob, text -> {
                var frame = JSON.readTree(text);
                if ("message".equals(frame.path("type").asString())) {
                    var message = frame.get("message");
                    sink.delivered(
                            recipient,
                            message.path("clientMsgId").asString(),
                            message.path("conversationId").asLong(),
                            message.path("seq").asLong(),
                            sentNanos(message));
                }
            });
            var sender = connect(alice, text -> {
                var frame = JSON.readTree(text);
                if ("ack".equals(frame.path("type").asString())) {
                    var message = frame.get("message");
                    sink.acknowledged(message.path("clientMsgId").asString(), sentNanos(message));
                }
            });
            opened.add(new Pair(conversationId, recipient, new Sender() {
                @Override
                public void send(String messageId, long sentNanos, long sequence) {
                    sender.write(new TextWebSocketFrame("{\"type\":\"send\",\"id\":\"" + messageId
                            + "\",\"clientMsgId\":\"" + messageId + "\",\"conversationId\":" + conversationId
                            + ",\"body\":\"" + sentNanos + " " + padding + "\"}"));
                }

                @Override
                public void flush() {
                    sender.flush();
                }
            }));
        }
        return opened;
    }

    private Model.Session newUser(String username) {
        client.register(username, PASSWORD);
        return client.login(username, PASSWORD, "bench");
    }

    /** Connects with the session's token and waits for the gateway's {@code ready}. */
    private Channel connect(Model.Session session, java.util.function.Consumer<String> frames) throws Exception {
        var ready = new CompletableFuture<Void>();
        var channel = WsClient.connect(
                        group, URI.create("ws://" + base.getRawAuthority() + "/ws"), session.token(), text -> {
                            if (!ready.isDone() && text.contains("\"ready\"")) {
                                ready.complete(null);
                            } else {
                                frames.accept(text);
                            }
                        })
                .get();
        ready.get();
        channels.add(channel);
        return channel;
    }

    private static long sentNanos(JsonNode message) {
        var body = message.path("body").asString();
        int space = body.indexOf(' ');
        return Long.parseLong(space < 0 ? body : body.substring(0, space));
    }

    @Override
    public ServerSample sample() {
        try {
            var text = http.send(
                            HttpRequest.newBuilder(base.resolve("/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            double cpu = -1;
            long heap = 0;
            for (var line : text.split("\n")) {
                if (line.startsWith("process_cpu_usage ")) {
                    cpu = Double.parseDouble(
                            line.substring(line.indexOf(' ') + 1).strip());
                } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    heap += (long) Double.parseDouble(
                            line.substring(line.lastIndexOf(' ') + 1).strip());
                }
            }
            return new ServerSample(cpu, heap);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        group.shutdownGracefully();
    }
}
