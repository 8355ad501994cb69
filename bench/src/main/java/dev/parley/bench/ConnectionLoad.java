package dev.parley.bench;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * A load process of the {@code connections} scenario: opens its share of authenticated idle
 * WebSocket connections from a source address of its own and holds them until told to close. One
 * process holds at most 20,000 open files here, and one source address has one range of ephemeral
 * ports, so the scenario spreads its connections over several of these (see {@link #plan}).
 *
 * <p>Started as {@code ConnectionLoad <ws-uri> <count> <source-address>}. It talks to the bench
 * process in lines:
 *
 * <ul>
 *   <li>stdin: device tokens, one a line (connection {@code i} uses token {@code i / 10}), then an
 *       empty line;
 *   <li>stdout {@code waiting tokens=N}: tokens read, and {@value #WARM_UP_CONNECTIONS} warm-up connections
 *       opened, authenticated and closed one by one, so that class loading and JIT start-up are not in the
 *       measurement;
 *   <li>stdin {@code go}: open every connection, at most {@value #IN_FLIGHT} at a time in flight;
 *   <li>stdout {@code progress ready=N failed=M} per 250 connections settled, then {@code done
 *       ready=N failed=M nanos=T histogram=H} once each has its {@code ready} frame or has failed
 *       (T: from {@code go} to the last one; H: connect+auth times in nanoseconds, an HdrHistogram,
 *       compressed, Base64); {@code error text} for the first few failures;
 *   <li>stdin {@code close} (or the end of stdin): stdout {@code held open=N dropped=M} (connections
 *       still open, and those closed after their {@code ready}), then every connection is closed,
 *       {@code closed} is printed and the process ends.
 * </ul>
 */
public final class ConnectionLoad {

    /** The most connections one load process holds: well under its open-file limit of 20,000. */
    static final int PER_PROCESS = 9000;

    /** Connections per device token. */
    static final int PER_TOKEN = 10;

    /** Connections being opened at once, per process. */
    static final int IN_FLIGHT = 256;

    /** How long a connection may take to get its {@code ready} before it counts as failed. */
    static final long SETTLE_SECONDS = 60;

    /**
     * Connections opened, authenticated and closed one after another before {@code waiting}: enough for the JIT to
     * compile this process's connect path (and the node's), so that compiling it is not what the scenario measures.
     */
    static final int WARM_UP_CONNECTIONS = 300;

    private static final int ERRORS_REPORTED = 5;

    private final URI uri;
    private final int count;
    private final InetSocketAddress source;
    private final Consumer<String> out;

    ConnectionLoad(URI uri, int count, String sourceAddress, Consumer<String> out) {
        this.uri = uri;
        this.count = count;
        this.source = sourceAddress == null ? null : new InetSocketAddress(sourceAddress, 0);
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        var load = new ConnectionLoad(URI.create(args[0]), Integer.parseInt(args[1]), args[2], line -> {
            synchronized (System.out) {
                System.out.println(line);
                System.out.flush();
            }
        });
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(load.run(in));
    }

    /** One load process's share: how many connections, from which source address. */
    record Share(int index, int count, String sourceAddress) {
        /** The device tokens this share needs at {@value #PER_TOKEN} connections each. */
        int tokens() {
            return (count + PER_TOKEN - 1) / PER_TOKEN;
        }
    }

    /**
     * Spreads {@code count} connections evenly over as few processes as hold at most {@code
     * perProcess} each; process {@code i} binds to 127.0.0.{@code i + 2} (127.0.0.1 stays the
     * bench's own).
     */
    static List<Share> plan(int count, int perProcess) {
        if (count < 0 || perProcess < 1) {
            throw new IllegalArgumentException("count " + count + ", per process " + perProcess);
        }
        int processes = Math.max(1, (count + perProcess - 1) / perProcess);
        if (processes > 253) {
            throw new IllegalArgumentException("more than 253 load processes (127.0.0.2–127.0.0.254)");
        }
        var shares = new ArrayList<Share>();
        for (int i = 0; i < processes; i++) {
            int share = count / processes + (i < count % processes ? 1 : 0);
            shares.add(new Share(i, share, "127.0.0." + (i + 2)));
        }
        return shares;
    }

    /** A line of the protocol: a word, then {@code key=value} fields. */
    record Line(String kind, Map<String, String> fields) {

        static Line of(String kind, Object... keysAndValues) {
            var fields = new LinkedHashMap<String, String>();
            for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
                fields.put(keysAndValues[i].toString(), keysAndValues[i + 1].toString());
            }
            return new Line(kind, fields);
        }

        /** A line with a free text after its word ({@code error …}) keeps the text as field {@code text}. */
        static Line parse(String text) {
            var trimmed = text.strip();
            int space = trimmed.indexOf(' ');
            var kind = space < 0 ? trimmed : trimmed.substring(0, space);
            var rest = space < 0 ? "" : trimmed.substring(space + 1).strip();
            var fields = new LinkedHashMap<String, String>();
            if (kind.equals("error")) {
                fields.put("text", rest);
            } else if (!rest.isEmpty()) {
                for (var field : rest.split("\\s+")) {
                    int equals = field.indexOf('=');
                    if (equals > 0) {
                        fields.put(field.substring(0, equals), field.substring(equals + 1));
                    }
                }
            }
            return new Line(kind, fields);
        }

        long number(String key) {
            var value = fields.get(key);
            return value == null ? 0 : Long.parseLong(value);
        }

        String format() {
            var text = new StringBuilder(kind);
            fields.forEach(
                    (key, value) -> text.append(' ').append(key).append('=').append(value));
            return text.toString();
        }
    }

    static String encode(Histogram histogram) {
        var buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(String encoded) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not a histogram: " + encoded, e);
        }
    }

    /** Runs the protocol above on {@code in}; returns the exit status. */
    int run(BufferedReader in) throws IOException, InterruptedException {
        var tokens = new ArrayList<String>();
        String line;
        while ((line = in.readLine()) != null && !line.isBlank()) {
            tokens.add(line.strip());
        }
        if (line == null || tokens.isEmpty()) {
            out.accept("error no tokens");
            return 2;
        }
        var group = Transport.group(2);
        try {
            for (int i = 0; i < Math.min(WARM_UP_CONNECTIONS, count); i++) {
                warmUp(group, tokens.get(i % tokens.size()));
            }
            out.accept(Line.of("waiting", "tokens", tokens.size()).format());
            while ((line = in.readLine()) != null && !line.strip().equals("go")) {
                // nothing else is expected before go
            }
            if (line == null) {
                return 1;
            }
            var channels = new ConcurrentLinkedQueue<Channel>();
            var dropped = new AtomicInteger();
            connectAll(group, tokens, channels, dropped);
            while ((line = in.readLine()) != null && !line.strip().equals("close")) {
                // holding
            }
            long open = channels.stream().filter(Channel::isActive).count();
            out.accept(Line.of("held", "open", open, "dropped", dropped.get()).format());
            for (var channel : channels) {
                channel.close();
            }
            for (var channel : channels) {
                channel.closeFuture().await(5, TimeUnit.SECONDS);
            }
            out.accept("closed");
            return 0;
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private void warmUp(EventLoopGroup group, String token) throws InterruptedException {
        var ready = new CountDownLatch(1);
        var channel = WsClient.connect(group, uri, source, token, text -> {
                    if (text.contains("\"ready\"")) {
                        ready.countDown();
                    }
                })
                .exceptionally(failure -> {
                    out.accept("error warm-up: " + oneLine(failure));
                    return null;
                })
                .join();
        if (channel != null) {
            ready.await(SETTLE_SECONDS, TimeUnit.SECONDS);
            channel.close().await(5, TimeUnit.SECONDS);
        }
    }

    private void connectAll(EventLoopGroup group, List<String> tokens, Queue<Channel> channels, AtomicInteger dropped)
            throws InterruptedException {
        var times = new SynchronizedHistogram(TimeUnit.SECONDS.toNanos(SETTLE_SECONDS * 2), 3);
        var inFlight = new Semaphore(IN_FLIGHT);
        var ready = new AtomicInteger();
        var failed = new AtomicInteger();
        var settled = new CountDownLatch(count);
        var errors = new AtomicInteger();
        long start = System.nanoTime();
        var last = new AtomicLong(start);
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            var token = tokens.get(Math.min(tokens.size() - 1, i / PER_TOKEN));
            var done = new AtomicBoolean();
            var gotReady = new AtomicBoolean();
            long began = System.nanoTime();
            Consumer<Throwable> settle = failure -> {
                if (!done.compareAndSet(false, true)) {
                    return;
                }
                long now = System.nanoTime();
                last.accumulateAndGet(now, Math::max);
                if (failure == null) {
                    ready.incrementAndGet();
                    times.recordValue(Math.min(now - began, times.getHighestTrackableValue()));
                } else {
                    failed.incrementAndGet();
                    if (errors.incrementAndGet() <= ERRORS_REPORTED) {
                        out.accept("error " + oneLine(failure));
                    }
                }
                if ((ready.get() + failed.get()) % 250 == 0) {
                    out.accept(Line.of("progress", "ready", ready.get(), "failed", failed.get())
                            .format());
                }
                inFlight.release();
                settled.countDown();
            };
            WsClient.connect(group, uri, source, token, text -> {
                        if (!gotReady.get() && text.contains("\"ready\"")) {
                            gotReady.set(true);
                            settle.accept(null);
                        }
                    })
                    .whenComplete((channel, failure) -> {
                        if (failure != null) {
                            settle.accept(failure);
                            return;
                        }
                        channels.add(channel);
                        channel.closeFuture().addListener(closed -> {
                            if (gotReady.get()) {
                                dropped.incrementAndGet();
                            } else {
                                settle.accept(new IllegalStateException("closed before ready"));
                            }
                        });
                        channel.eventLoop()
                                .schedule(
                                        () -> settle.accept(
                                                new IllegalStateException("no ready within " + SETTLE_SECONDS + " s")),
                                        SETTLE_SECONDS,
                                        TimeUnit.SECONDS);
                    });
        }
        if (!settled.await(SETTLE_SECONDS + 10, TimeUnit.SECONDS)) {
            out.accept("error not every connection settled");
        }
        out.accept(Line.of(
                        "done",
                        "ready",
                        ready.get(),
                        "failed",
                        count - ready.get(),
                        "nanos",
                        last.get() - start,
                        "histogram",
                        encode(times.copy()))
                .format());
    }

    private static String oneLine(Throwable failure) {
        var cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        return (cause.getClass().getSimpleName() + ": " + cause.getMessage()).replaceAll("\\s+", " ");
    }
}
