package dev.parley.bench;

import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.client.ParleyClient;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The scenarios: direct (one-to-one at a fixed rate, or stepping up to the maximum sustainable
 * rate), group (fan-out to every member), connections and sync.
 */
final class Scenarios {

    /** The highest rate whose p99 send→delivery latency stays under this is "sustainable". */
    static final Duration SUSTAINABLE_P99 = Duration.ofMillis(50);

    private Scenarios() {}

    record Load(int pairs, Duration warmup, Duration measure, int bodyBytes) {}

    /** One run at a fixed rate against each wire. */
    static void direct(List<Wire> wires, Load load, int rate, Report report, Driver.Progress progress)
            throws Exception {
        for (var wire : wires) {
            var driver = new Driver();
            var pairs = wire.open(load.pairs(), driver);
            report.add(driver.run(wire, "direct", pairs, rate, load.warmup(), load.measure(), progress));
        }
    }

    /**
     * One run at a fixed rate of messages against each wire, into {@code groups} groups of {@code
     * members}: every message fans out to the other {@code members − 1}. Adds the runs and a summary
     * of deliveries per second (those that arrived during the measured window) and Parley ÷ relay.
     */
    static Map<String, Object> group(
            List<Wire> wires, int groups, int members, Load load, int rate, Report report, Driver.Progress progress)
            throws Exception {
        var figures = new LinkedHashMap<String, Object>();
        figures.put("scenario", String.format("group fan-out (%d groups × %d members)", groups, members));
        figures.put("messagesPerSecond", rate);
        figures.put("targetDeliveriesPerSecond", (long) rate * (members - 1));
        var deliveries = new LinkedHashMap<String, Long>();
        for (var wire : wires) {
            var driver = new Driver();
            var pairs = wire.openGroups(groups, members, driver, progress);
            var run = driver.run(wire, "group", pairs, rate, load.warmup(), load.measure(), progress);
            report.add(run);
            deliveries.put(wire.name(), Math.round(run.deliveryRate()));
            figures.put(wire.name() + "DeliveriesPerSecond", Math.round(run.deliveryRate()));
        }
        if (deliveries.getOrDefault("relay", 0L) > 0 && deliveries.containsKey("parley")) {
            figures.put(
                    "parleyOverRelay", Math.round(100.0 * deliveries.get("parley") / deliveries.get("relay")) / 100.0);
        }
        report.add(figures);
        return figures;
    }

    /**
     * Steps the rate up by {@code factor} from {@code start} until p99 send→delivery passes 50 ms,
     * the achieved rate falls below 95% of the target, or a message is lost, duplicated or out of
     * order; returns the highest passing rate for each wire (0 if none passed).
     */
    static Map<String, Integer> maxRate(
            List<Wire> wires,
            Load load,
            int start,
            double factor,
            int maxSteps,
            Report report,
            Driver.Progress progress)
            throws Exception {
        var best = new LinkedHashMap<String, Integer>();
        for (var wire : wires) {
            var driver = new Driver();
            var pairs = wire.open(load.pairs(), driver);
            int passing = 0;
            int rate = start;
            for (int step = 0; step < maxSteps; step++, rate = (int) (rate * factor)) {
                var run = driver.run(wire, "step", pairs, rate, load.warmup(), load.measure(), progress);
                report.add(run);
                boolean sustained = run.verdict().clean()
                        && run.achievedRate() >= 0.95 * rate
                        && run.delivery().getValueAtPercentile(99) < SUSTAINABLE_P99.toNanos();
                if (!sustained) {
                    break;
                }
                passing = rate;
            }
            best.put(wire.name(), passing);
        }
        return best;
    }

    /**
     * Opens {@code count} authenticated idle connections (ten per device token) and measures the
     * connect+auth rate and the server's heap per connection.
     */
    static Map<String, Object> connections(URI base, long serverPid, int count, Driver.Progress progress)
            throws Exception {
        var client = new ParleyClient(base);
        var run = UUID.randomUUID().toString().substring(0, 6);
        var tokens = new ArrayList<String>();
        for (int i = 0; i < Math.max(1, count / 10); i++) {
            var name = "c" + run + "u" + i;
            client.register(name, ParleyWire.PASSWORD);
            tokens.add(client.login(name, ParleyWire.PASSWORD, "bench").token());
        }
        long heapBefore = heapAfterGc(serverPid);
        var group = Transport.group(0);
        var channels = new CopyOnWriteArrayList<Channel>();
        var uri = URI.create("ws://" + base.getRawAuthority() + "/ws");
        long start = System.nanoTime();
        int batch = 200;
        for (int i = 0; i < count; i += batch) {
            var pending = new ArrayList<CompletableFuture<Void>>();
            for (int j = i; j < Math.min(count, i + batch); j++) {
                var ready = new CompletableFuture<Void>();
                pending.add(ready);
                WsClient.connect(group, uri, tokens.get(j % tokens.size()), text -> {
                            if (text.contains("\"ready\"")) {
                                ready.complete(null);
                            }
                        })
                        .whenComplete((channel, failure) -> {
                            if (failure != null) {
                                ready.completeExceptionally(failure);
                            } else {
                                channels.add(channel);
                            }
                        });
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            progress.line(String.format("connections %,d / %,d", channels.size(), count));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.done();
        long heapAfter = heapAfterGc(serverPid);
        var figures = new LinkedHashMap<String, Object>();
        figures.put("scenario", "connections");
        figures.put("connections", channels.size());
        figures.put("connectAuthPerSecond", Math.round(channels.size() / seconds));
        figures.put(
                "heapPerConnectionBytes",
                heapBefore < 0 ? -1 : (heapAfter - heapBefore) / Math.max(1, channels.size()));
        channels.forEach(Channel::close);
        group.shutdownGracefully();
        return figures;
    }

    /**
     * A user with {@code conversations × perConversation} unread messages logs in and fetches them
     * all; measures how long until the last one is in hand, and checks they came complete and in order.
     */
    static Map<String, Object> sync(URI base, int conversations, int perConversation, Driver.Progress progress)
            throws Exception {
        var client = new ParleyClient(base);
        var run = UUID.randomUUID().toString().substring(0, 6);
        var readerName = "s" + run + "reader";
        client.register(readerName, ParleyWire.PASSWORD);
        var reader = client.login(readerName, ParleyWire.PASSWORD, "setup");
        for (int c = 0; c < conversations; c++) {
            var name = "s" + run + "w" + c;
            client.register(name, ParleyWire.PASSWORD);
            var writer = client.login(name, ParleyWire.PASSWORD, "bench");
            Friends.befriend(client, writer, reader);
            try (var messenger = new Messenger(client, writer, message -> {}).start()) {
                long conversationId =
                        client.direct(writer.token(), reader.userId()).id();
                var sends = new ArrayList<CompletableFuture<Model.Message>>();
                for (int m = 0; m < perConversation; m++) {
                    sends.add(messenger.sendTo(conversationId, "unread " + m));
                }
                sends.forEach(CompletableFuture::join);
            }
            progress.line(String.format("sync setup %d / %d conversations", c + 1, conversations));
        }
        progress.done();
        var device = client.login(readerName, ParleyWire.PASSWORD, "catching up");
        var received = new ArrayList<Model.Message>();
        long start = System.nanoTime();
        try (var messenger = new Messenger(client, device, received::add).start()) {
            double seconds = (System.nanoTime() - start) / 1e9;
            var byConversation = new LinkedHashMap<Long, List<Long>>();
            received.forEach(m -> byConversation
                    .computeIfAbsent(m.conversationId(), k -> new ArrayList<>())
                    .add(m.seq()));
            boolean complete = received.size() == conversations * perConversation
                    && byConversation.values().stream().allMatch(seqs -> {
                        for (int i = 0; i < seqs.size(); i++) {
                            if (seqs.get(i) != i + 1) {
                                return false;
                            }
                        }
                        return true;
                    });
            var figures = new LinkedHashMap<String, Object>();
            figures.put("scenario", "sync");
            figures.put("messages", received.size());
            figures.put("conversations", byConversation.size());
            figures.put("seconds", Math.round(seconds * 1000) / 1000.0);
            figures.put("verdict", complete ? "ok (complete, in order, no duplicates)" : "FAILED");
            return figures;
        }
    }

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    /** The server's used heap after a full collection, from jcmd; -1 if jcmd is not available. */
    static long heapAfterGc(long pid) {
        try {
            run("jcmd", Long.toString(pid), "GC.run");
            var info = run("jcmd", Long.toString(pid), "GC.heap_info");
            var matcher = HEAP_USED.matcher(info);
            return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        var jcmd = ProcessHandle.current()
                .info()
                .command()
                .map(java -> java.replaceAll("java$", command[0]))
                .orElse(command[0]);
        command[0] = jcmd;
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }
}
