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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Parley node as a wire: each pair is two users (friends, with their direct conversation) each
 * on one connection; the sender's {@code send} frames are acknowledged after commit and pushed to
 * the receiver. Each group is its owner (the sender) and {@code members − 1} of the owner's friends,
 * every member on one connection; the owner's messages are pushed to all the others.
 */
final class ParleyWire implements Wire {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "bench passphrase 1";

    private final URI base;
    private final ParleyClient client;
    private final String padding;
    private final boolean receipts;
    private final EventLoopGroup group = Transport.group(0);
    private final List<Channel> channels = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * @param receipts whether each recipient tells the server of every message it gets ({@code delivered}), as the
     *     clients do, rather than only reading them
     */
    ParleyWire(URI base, int bodyBytes, boolean receipts) {
        this.base = base;
        this.receipts = receipts;
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
            connectRecipient(bob, sink, receipts);
            var sender = connect(alice, acknowledgements(sink));
            opened.add(new Pair(conversationId, recipient, sender(sender, conversationId)));
        }
        return opened;
    }

    /**
     * Sets the groups up in parallel (registering, befriending and connecting a few thousand users
     * takes a while): users, friendships owner–member, the group, then every member's connection.
     */
    @Override
    public List<Pair> openGroups(int groups, int members, Sink sink, Driver.Progress progress) throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 6);
        var usersReady = new AtomicInteger();
        var groupsReady = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(Math.max(1, Math.min(groups, 4)));
        try {
            var pending = new ArrayList<Future<Pair>>();
            for (int g = 0; g < groups; g++) {
                int index = g;
                pending.add(pool.submit(() -> {
                    var pair = openGroup("g" + run + "n" + index + "u", members, sink, usersReady);
                    groupsReady.incrementAndGet();
                    return pair;
                }));
            }
            while (!pending.stream().allMatch(Future::isDone)) {
                progress.line(String.format(
                        "parley group setup: users %,d / %,d, groups %d / %d",
                        usersReady.get(), groups * members, groupsReady.get(), groups));
                Thread.sleep(250);
            }
            progress.done();
            var opened = new ArrayList<Pair>();
            for (var pair : pending) {
                try {
                    opened.add(pair.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return opened;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private Pair openGroup(String prefix, int members, Sink sink, AtomicInteger usersReady) throws Exception {
        var owner = newUser(prefix + "0");
        usersReady.incrementAndGet();
        var others = new ArrayList<Model.Session>();
        var memberIds = new ArrayList<Long>();
        for (int m = 1; m < members; m++) {
            var member = newUser(prefix + m);
            Friends.befriend(client, owner, member);
            others.add(member);
            memberIds.add(member.userId());
            usersReady.incrementAndGet();
        }
        long groupId = client.createGroup(owner.token(), prefix, memberIds).id();
        for (var member : others) {
            connectRecipient(member, sink, false);
        }
        var sender = connect(owner, acknowledgements(sink));
        return new Pair(groupId, new HashSet<>(memberIds), sender(sender, groupId));
    }

    /** Sends {@code send} frames to one conversation, direct or group, on the sender's connection. */
    private Sender sender(Channel sender, long conversationId) {
        return new Sender() {
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
        };
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

    /**
     * Connects a recipient whose deliveries go to the sink (and, if it {@code answers}, are answered on its connection,
     * as the web client answers the messages of a direct chat; it sends no {@code delivered} in a group, where nobody
     * would be told).
     */
    private void connectRecipient(Model.Session session, Sink sink, boolean answers) throws Exception {
        var channel = new Channel[1];
        channel[0] = connect(session, deliveries(session.userId(), sink, channel, answers));
    }

    /**
     * Reports the text messages pushed to a recipient's connection (not system messages, such as a group's), held in
     * {@code channel[0]} once it is open; with receipts, answers each with a {@code delivered} frame.
     */
    private static Consumer<String> deliveries(long recipient, Sink sink, Channel[] channel, boolean answers) {
        return text -> {
            var frame = JSON.readTree(text);
            var message = frame.path("message");
            if ("message".equals(frame.path("type").asString())
                    && "text".equals(message.path("kind").asString())) {
                sink.delivered(
                        recipient,
                        message.path("clientMsgId").asString(),
                        message.path("conversationId").asLong(),
                        message.path("seq").asLong(),
                        sentNanos(message));
                if (answers && channel[0] != null) {
                    channel[0].writeAndFlush(new TextWebSocketFrame("{\"type\":\"delivered\",\"conversationId\":"
                            + message.path("conversationId").asLong() + ",\"seq\":"
                            + message.path("seq").asLong()
                            + "}"));
                }
            }
        };
    }

    /** Reports the acknowledgements and receipts a sender's connection gets. */
    private static Consumer<String> acknowledgements(Sink sink) {
        return text -> {
            var frame = JSON.readTree(text);
            var type = frame.path("type").asString();
            if ("ack".equals(type)) {
                var message = frame.get("message");
                sink.acknowledged(message.path("clientMsgId").asString(), sentNanos(message));
            } else if ("receipt".equals(type)) {
                sink.receipted();
            }
        };
    }

    private static long sentNanos(JsonNode message) {
        var body = message.path("body").asString();
        int space = body.indexOf(' ');
        return Long.parseLong(space < 0 ? body : body.substring(0, space));
    }

    @Override
    public ServerSample sample() {
        try {
            return sample(http.send(
                            HttpRequest.newBuilder(base.resolve("/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
        } catch (Exception e) {
            return null;
        }
    }

    /** Reads a sample from the node's Prometheus page; a pause series appears once per collector and cause. */
    static ServerSample sample(String prometheus) {
        double cpu = -1;
        long heap = 0;
        long pauses = 0;
        double pauseSeconds = 0;
        double pauseMax = 0;
        for (var line : prometheus.split("\n")) {
            if (line.startsWith("process_cpu_usage ")) {
                cpu = value(line);
            } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += (long) value(line);
            } else if (line.startsWith("jvm_gc_pause_seconds_count{")) {
                pauses += (long) value(line);
            } else if (line.startsWith("jvm_gc_pause_seconds_sum{")) {
                pauseSeconds += value(line);
            } else if (line.startsWith("jvm_gc_pause_seconds_max{")) {
                pauseMax = Math.max(pauseMax, value(line));
            }
        }
        return new ServerSample(cpu, heap, pauses, pauseSeconds, pauseMax);
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).strip());
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        group.shutdownGracefully();
    }
}
