package dev.parley.bench;

import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.client.ParleyClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The scenarios: direct (one-to-one at a fixed rate, or stepping up to the maximum sustainable
 * rate), group (fan-out to every member), connections and sync.
 */
final class Scenarios {

    /** The highest rate whose p99 send→delivery latency stays under this is "sustainable". */
    static final Duration SUSTAINABLE_P99 = Duration.ofMillis(50);

    private Scenarios() {}

    record Load(int pairs, Duration warmup, Duration measure, int bodyBytes) {}

    /**
     * One run at a fixed rate against each wire, each first run in at {@code runInRate} (at most {@code rate}) for
     * {@code runIn}, unmeasured and unreported unless its verdict fails: a node's JIT compiles the hot paths for longer
     * than a warm-up, and at a high rate the backlog it leaves meanwhile would spill into the measured window.
     */
    static void direct(
            List<Wire> wires,
            Load load,
            int rate,
            int runInRate,
            Duration runIn,
            Report report,
            Driver.Progress progress)
            throws Exception {
        for (var wire : wires) {
            var driver = new Driver();
            var pairs = wire.open(load.pairs(), driver);
            runIn(wire, driver, pairs, "direct", Math.min(rate, runInRate), runIn, report, progress);
            report.add(driver.run(wire, "direct", pairs, rate, load.warmup(), load.measure(), progress));
        }
    }

    /** Loads the wire at {@code rate} for {@code runIn}, unmeasured; reported only if its verdict fails. */
    private static void runIn(
            Wire wire,
            Driver driver,
            List<Wire.Pair> pairs,
            String label,
            int rate,
            Duration runIn,
            Report report,
            Driver.Progress progress)
            throws Exception {
        if (runIn.isPositive()) {
            var ranIn = driver.run(wire, label + "-run-in", pairs, rate, runIn, Duration.ofSeconds(1), progress);
            if (!ranIn.verdict().clean()) {
                report.add(ranIn);
            }
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

    /** Opens the senders and recipients a stepped scenario loads. */
    interface Opener {
        List<Wire.Pair> open(Wire wire, Driver driver) throws Exception;
    }

    /**
     * A wire's highest passing rate (0 if none passed); {@code passedEveryStep} when it never failed, so that its
     * maximum is only known to be at least {@code rate}.
     */
    record Max(int rate, boolean passedEveryStep) {}

    /**
     * Steps the rate of the senders {@code opener} opens up by {@code factor} from {@code start} until p99
     * send→delivery passes 50 ms, the achieved rate falls below 95% of the target, or a message is lost, duplicated
     * or out of order, at most {@code maxSteps} times, then narrows the gap between the last passing and the first
     * failing rate {@code refinements} times ({@link #search}), a failing rate tried up to {@code retries} times more
     * before it counts as failing; returns each wire's {@link Max}. {@code label} names the runs in the report (a
     * retry's with {@code -again}). Each wire first runs at {@code start} for {@code runIn}, unmeasured and unreported
     * unless its verdict fails.
     */
    static Map<String, Max> maxRate(
            List<Wire> wires,
            Opener opener,
            String label,
            Load load,
            int start,
            double factor,
            int maxSteps,
            int refinements,
            int retries,
            Duration runIn,
            Report report,
            Driver.Progress progress)
            throws Exception {
        var best = new LinkedHashMap<String, Max>();
        for (var wire : wires) {
            var driver = new Driver();
            var pairs = opener.open(wire, driver);
            runIn(wire, driver, pairs, label, start, runIn, report, progress);
            best.put(wire.name(), search(start, factor, maxSteps, refinements, retries, (rate, attempt) -> {
                var name = attempt == 0 ? label : label + "-again";
                var run = driver.run(wire, name, pairs, rate, load.warmup(), load.measure(), progress);
                report.add(run);
                return run.verdict().clean()
                        && run.achievedRate() >= 0.95 * rate
                        && run.delivery().getValueAtPercentile(99) < SUSTAINABLE_P99.toNanos();
            }));
        }
        return best;
    }

    /**
     * How many times {@link #search} steps down from a failing first rate: with ×1.4, to a quarter of it (on PostgreSQL
     * Parley's first step, 2,000 msg/s, failed and left it without a ratio: docs/benchmarks.md, 2026-12-02).
     */
    static final int STEPS_DOWN = 4;

    /** Whether a wire sustains a rate; runs it ({@code attempt} 0, then 1, 2, … for each retry of the rate). */
    interface Step {
        boolean passes(int rate, int attempt) throws Exception;
    }

    /**
     * The highest rate that {@code step} passes: from {@code start}, ×{@code factor} until a step fails (at most
     * {@code maxSteps} steps), then {@code refinements} times the geometric middle of the last passing and the first
     * failing rate, keeping the half the answer lies in. With ×1.4 and two refinements the answer is within 9 % of
     * the true maximum instead of 40 %, which the ratio of two maxima needs (docs/benchmarks.md, 2026-12-01, quiet
     * machine). A wire whose first step fails is stepped down ÷{@code factor} instead, at most {@link #STEPS_DOWN}
     * times, until a step passes, and refined the same way; one that fails all of those has 0, one that passes every
     * step is not refined.
     *
     * <p>A rate fails only when it fails {@code 1 + retries} times in a row. On a machine the generator shares with
     * what it measures, one stall of a tenth of a second (a scheduler's hiccup, a pause in any of the processes) puts
     * a step's p99 over 50 ms at a rate the wire sustains before and after it; such stalls put the relay's maximum
     * anywhere from 15,052 to 44,924 msg/s within 70 minutes (docs/benchmarks.md, 2026-12-01, quiet machine). A rate
     * the wire cannot sustain fails again.
     */
    static Max search(int start, double factor, int maxSteps, int refinements, int retries, Step step)
            throws Exception {
        int passing = 0;
        int failing = 0;
        int rate = start;
        for (int i = 0, stepsDown = 0; i < maxSteps; i++) {
            if (passes(step, rate, retries)) {
                passing = rate;
                if (stepsDown > 0) {
                    break;
                }
                rate = (int) (rate * factor);
            } else {
                failing = rate;
                if (passing > 0 || stepsDown == STEPS_DOWN) {
                    break;
                }
                stepsDown++;
                rate = (int) (rate / factor);
            }
        }
        if (failing == 0) {
            return new Max(passing, true);
        }
        for (int i = 0; i < refinements && passing > 0; i++) {
            int middle = (int) Math.round(Math.sqrt((double) passing * failing));
            if (middle <= passing || middle >= failing) {
                break;
            }
            if (passes(step, middle, retries)) {
                passing = middle;
            } else {
                failing = middle;
            }
        }
        return new Max(passing, false);
    }

    private static boolean passes(Step step, int rate, int retries) throws Exception {
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (step.passes(rate, attempt)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens {@code count} authenticated idle connections (ten per device token), spread over load
     * processes of at most {@code perProcess} each, each from its own source address ({@link
     * ConnectionLoad}); measures the connect+auth rate (from the moment every process is told to go
     * until the last reports all its connections settled) and the server's heap per connection (heap
     * after a full GC before and after, via jcmd), then closes them.
     */
    static Map<String, Object> connections(
            URI base, long serverPid, int count, int perProcess, Path workDir, Driver.Progress progress)
            throws Exception {
        var shares = ConnectionLoad.plan(count, perProcess);
        var tokens = deviceTokens(
                base, shares.stream().mapToInt(ConnectionLoad.Share::tokens).sum(), progress);
        var webSocket = URI.create("ws://" + base.getRawAuthority() + "/ws");
        var children = new ArrayList<LoadChild>();
        try {
            int next = 0;
            for (var share : shares) {
                var child = new LoadChild(share, Processes.connectionLoad(workDir, webSocket, share), workDir);
                children.add(child);
                child.send(tokens.subList(next, next + share.tokens()));
                child.send(List.of(""));
                next += share.tokens();
            }
            for (var child : children) {
                child.await("waiting", 120, progress, children);
            }
            long heapBefore = heapAfterGc(serverPid);
            double serverCpuBefore = cpuSeconds(ProcessHandle.of(serverPid));
            double loadCpuBefore = children.stream()
                    .mapToDouble(c -> cpuSeconds(Optional.of(c.process.toHandle())))
                    .sum();
            long start = System.nanoTime();
            for (var child : children) {
                child.send(List.of("go"));
            }
            for (var child : children) {
                child.await("done", 600, progress, children);
            }
            double seconds = (children.stream().mapToLong(c -> c.doneAt).max().orElse(start) - start) / 1e9;
            double serverCpu = cpuSeconds(ProcessHandle.of(serverPid)) - serverCpuBefore;
            double loadCpu = children.stream()
                            .mapToDouble(c -> cpuSeconds(Optional.of(c.process.toHandle())))
                            .sum()
                    - loadCpuBefore;
            progress.done();
            long heapAfter = heapAfterGc(serverPid);
            for (var child : children) {
                child.send(List.of("close"));
            }
            for (var child : children) {
                try {
                    child.await("held", 60, Driver.Progress.SILENT, children);
                } catch (IllegalStateException e) {
                    child.errors.add(e.getMessage()); // counted as holding none
                }
            }
            var times = new Histogram(3);
            long ready = 0;
            long held = 0;
            long dropped = 0;
            for (var child : children) {
                var done = child.line("done");
                ready += done.number("ready");
                times.add(ConnectionLoad.decode(done.fields().get("histogram")));
                var heldLine = child.lines.get("held");
                held += heldLine == null ? 0 : heldLine.number("open");
                dropped += heldLine == null ? 0 : heldLine.number("dropped");
            }
            var figures = new LinkedHashMap<String, Object>();
            figures.put("scenario", "connections");
            figures.put("requested", count);
            figures.put(
                    "loadProcesses",
                    shares.size() + " (" + shares.getFirst().sourceAddress()
                            + (shares.size() > 1 ? "–" + shares.getLast().sourceAddress() : "") + ")");
            figures.put("ready", ready);
            figures.put("everyConnectionReady", ready == count);
            figures.put("held", held);
            figures.put("droppedWhileHeld", dropped);
            figures.put("connectAuthPerSecond", seconds > 0 ? Math.round(ready / seconds) : 0);
            figures.put("connectAuthSeconds", Math.round(seconds * 100) / 100.0);
            var millis = new LinkedHashMap<String, Double>();
            if (times.getTotalCount() > 0) {
                for (double p : new double[] {50, 99}) {
                    millis.put("p" + (int) p, Math.round(times.getValueAtPercentile(p) / 1e4) / 100.0);
                }
                millis.put("max", Math.round(times.getMaxValue() / 1e4) / 100.0);
            }
            figures.put("connectAuthMillis", millis);
            // CPU seconds used while connecting, to tell whether the node or the generator was the limit
            figures.put("cpuSecondsNode", Math.round(serverCpu * 10) / 10.0);
            figures.put("cpuSecondsLoad", Math.round(loadCpu * 10) / 10.0);
            figures.put("heapPerConnectionBytes", heapBefore < 0 ? -1 : (heapAfter - heapBefore) / Math.max(1, ready));
            figures.put("serverOpenFileLimit", Processes.openFileLimit(serverPid));
            var errors =
                    children.stream().flatMap(c -> c.errors.stream()).limit(3).toList();
            if (!errors.isEmpty()) {
                figures.put("errors", errors);
            }
            return figures;
        } finally {
            for (var child : children) {
                child.close();
            }
        }
    }

    /** The CPU time a process has used so far, in seconds; 0 where it is not known. */
    private static double cpuSeconds(Optional<ProcessHandle> process) {
        return process.flatMap(p -> p.info().totalCpuDuration())
                        .map(Duration::toNanos)
                        .orElse(0L)
                / 1e9;
    }

    /** Registers {@code users} users and logs each in once: one device token each. */
    private static List<String> deviceTokens(URI base, int users, Driver.Progress progress) throws Exception {
        var client = new ParleyClient(base);
        var run = UUID.randomUUID().toString().substring(0, 6);
        var done = new AtomicInteger();
        var futures = new ArrayList<Future<String>>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < users; i++) {
                var name = "c" + run + "u" + i;
                futures.add(pool.submit(() -> {
                    client.register(name, ParleyWire.PASSWORD);
                    var token = client.login(name, ParleyWire.PASSWORD, "bench").token();
                    int n = done.incrementAndGet();
                    if (n % 100 == 0 || n == users) {
                        progress.line(String.format("connections: %,d / %,d users logged in", n, users));
                    }
                    return token;
                }));
            }
            var tokens = new ArrayList<String>();
            for (var future : futures) {
                tokens.add(future.get());
            }
            return tokens;
        }
    }

    /** A running {@link ConnectionLoad} process, and the lines it has printed. */
    private static final class LoadChild implements AutoCloseable {

        final ConnectionLoad.Share share;
        final Process process;
        final Path log;
        final Writer stdin;
        final Map<String, ConnectionLoad.Line> lines = new ConcurrentHashMap<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        volatile long progressed;
        volatile long doneAt;
        volatile boolean ended;

        LoadChild(ConnectionLoad.Share share, Process process, Path workDir) {
            this.share = share;
            this.process = process;
            this.log = workDir.resolve("load-" + share.index() + ".log");
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread.ofPlatform().daemon().name("load-" + share.index()).start(this::read);
        }

        private void read() {
            try (var out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String text;
                while ((text = out.readLine()) != null) {
                    var line = ConnectionLoad.Line.parse(text);
                    switch (line.kind()) {
                        case "progress" -> progressed = line.number("ready") + line.number("failed");
                        case "done" -> {
                            doneAt = System.nanoTime();
                            progressed = line.number("ready") + line.number("failed");
                        }
                        case "error" ->
                            errors.add(
                                    share.sourceAddress() + ": " + line.fields().get("text"));
                        default -> {}
                    }
                    lines.put(line.kind(), line);
                }
            } catch (IOException e) {
                errors.add(share.sourceAddress() + ": " + e);
            } finally {
                ended = true;
            }
        }

        void send(List<String> textLines) throws IOException {
            for (var text : textLines) {
                stdin.write(text);
                stdin.write('\n');
            }
            stdin.flush();
        }

        ConnectionLoad.Line line(String kind) {
            var line = lines.get(kind);
            if (line == null) {
                throw new IllegalStateException(
                        "load process " + share.index() + " printed no " + kind + "; see " + log);
            }
            return line;
        }

        /** Waits for a line of {@code kind}, showing the connections settled so far over all children. */
        void await(String kind, long seconds, Driver.Progress progress, List<LoadChild> all)
                throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!lines.containsKey(kind)) {
                if (ended || System.nanoTime() > deadline) {
                    throw new IllegalStateException("load process " + share.index() + " ("
                            + share.sourceAddress() + ") " + (ended ? "ended" : "timed out") + " before " + kind
                            + errors + "; see " + log);
                }
                if (kind.equals("done")) {
                    long settled = all.stream().mapToLong(c -> c.progressed).sum();
                    long total = all.stream().mapToLong(c -> c.share.count()).sum();
                    progress.line(String.format("connections %,d / %,d", settled, total));
                }
                Thread.sleep(100);
            }
        }

        @Override
        public void close() {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // it has ended
            }
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
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
