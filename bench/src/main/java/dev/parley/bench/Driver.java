package dev.parley.bench;

import dev.parley.client.ClientMsgIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives open-loop load: messages go out at the target rate whatever the answers, so queueing
 * shows in the latencies. Messages sent during warm-up are verified but not measured. Each message
 * is expected at every recipient of its pair (one for a direct conversation, all the other members
 * for a group).
 */
final class Driver implements Wire.Sink {

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(120);

    /**
     * One run at one rate against one wire. {@code achievedRate} is the messages sent per second of
     * the measured window; {@code deliveryRate} the deliveries (one per recipient) that arrived per
     * second during it.
     */
    record Run(
            String wire,
            String scenario,
            int targetRate,
            double achievedRate,
            double deliveryRate,
            Histogram acknowledgement,
            Histogram delivery,
            Ledger.Verdict verdict,
            double serverCpu,
            long serverHeapBytes,
            GcPauses serverGc,
            long receipts) {}

    /** The server's garbage collection pauses during a run's measured window; a count of -1 where not known. */
    record GcPauses(long count, double totalMillis, double maxMillis) {
        static final GcPauses UNKNOWN = new GcPauses(-1, 0, 0);
    }

    /** A server sample and when it was taken ({@link System#nanoTime()}). */
    record Sampled(long atNanos, Wire.ServerSample sample) {}

    private volatile Ledger ledger = new Ledger();
    private volatile Histogram acknowledgement = histogram();
    private volatile Histogram delivery = histogram();
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private volatile long measureUntilNanos = Long.MIN_VALUE;
    private final AtomicLong delivered = new AtomicLong();
    private final LongAdder measuredDeliveries = new LongAdder();
    private final LongAdder receipts = new LongAdder();

    @Override
    public void acknowledged(String messageId, long sentNanos) {
        ledger.acknowledged(messageId);
        if (sentNanos >= measureFromNanos) {
            acknowledgement.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - sentNanos));
        }
    }

    @Override
    public void delivered(long recipient, String messageId, long stream, long seq, long sentNanos) {
        ledger.delivered(recipient, messageId, stream, seq);
        delivered.incrementAndGet();
        long now = System.nanoTime();
        if (now >= measureFromNanos && now < measureUntilNanos) {
            measuredDeliveries.increment();
        }
        if (sentNanos >= measureFromNanos) {
            delivery.recordValue(Math.min(HIGHEST_NANOS, now - sentNanos));
        }
    }

    @Override
    public void receipted() {
        receipts.increment();
    }

    Run run(
            Wire wire,
            String scenario,
            List<Wire.Pair> pairs,
            int rate,
            Duration warmup,
            Duration measure,
            Progress progress)
            throws InterruptedException {
        ledger = new Ledger();
        acknowledgement = histogram();
        delivery = histogram();
        delivered.set(0);
        measuredDeliveries.reset();
        receipts.reset();
        // ids as the Parley clients make them: time-ordered, unique across runs against the same node
        var ids = ClientMsgIds.system();
        var sequences = new long[pairs.size()];
        var dirty = new boolean[pairs.size()];
        var samples = new ArrayList<Sampled>();
        var sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long at = System.nanoTime();
                var sample = wire.sample();
                if (sample != null) {
                    synchronized (samples) {
                        samples.add(new Sampled(at, sample));
                    }
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        measureFromNanos = measureFrom;
        measureUntilNanos = end;
        long sent = 0;
        long expectedDeliveries = 0;
        long measuredSent = 0;
        int next = 0;
        long lastProgress = start;
        boolean acks = wire.acknowledges();
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long due = (long) ((now - start) / 1e9 * rate);
            while (sent < due) {
                var pair = pairs.get(next);
                var id = ids.next();
                ledger.sent(id, pair.recipients());
                expectedDeliveries += pair.recipients().size();
                if (!acks) {
                    ledger.acknowledged(id);
                }
                long sentAt = System.nanoTime();
                pair.sender().send(id, sentAt, ++sequences[next]);
                dirty[next] = true;
                if (sentAt >= measureFrom) {
                    measuredSent++;
                }
                sent++;
                next = (next + 1) % pairs.size();
            }
            for (int i = 0; i < dirty.length; i++) {
                if (dirty[i]) {
                    pairs.get(i).sender().flush();
                    dirty[i] = false;
                }
            }
            if (now - lastProgress > TimeUnit.SECONDS.toNanos(1)) {
                lastProgress = now;
                progress.line(String.format(
                        "%-6s %-7s %,7d msg/s  sent %,9d  delivered %,9d",
                        wire.name(), scenario, rate, sent, delivered.get()));
            }
            LockSupport.parkNanos(100_000);
        }
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (delivered.get() < expectedDeliveries && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        Thread.sleep(200); // late duplicates would arrive now
        sampler.interrupt();
        progress.done();
        double cpu;
        long heap;
        GcPauses gc;
        synchronized (samples) {
            cpu = samples.stream()
                    .mapToDouble(s -> s.sample().cpu())
                    .filter(c -> c >= 0)
                    .average()
                    .orElse(-1);
            heap = samples.stream().mapToLong(s -> s.sample().heapBytes()).max().orElse(-1);
            gc = gcPauses(samples, measureFrom, end);
        }
        return new Run(
                wire.name(),
                scenario,
                rate,
                measuredSent / (measure.toNanos() / 1e9),
                measuredDeliveries.sum() / (measure.toNanos() / 1e9),
                acknowledgement,
                delivery,
                ledger.verdict(),
                cpu,
                heap,
                gc,
                receipts.sum());
    }

    /**
     * The pauses between the last sample taken before {@code from} and the first taken after {@code until} (the
     * samples are a second apart, so the window may gain up to a second at each end), and the longest pause the
     * samples in between report.
     */
    static GcPauses gcPauses(List<Sampled> samples, long from, long until) {
        Sampled before = null;
        Sampled after = null;
        double max = 0;
        for (var s : samples) {
            if (s.atNanos() <= from) {
                before = s;
            } else if (after == null || after.atNanos() < until) {
                after = s;
                max = Math.max(max, s.sample().gcPauseMaxSeconds());
            }
        }
        if (before == null || after == null) {
            return GcPauses.UNKNOWN;
        }
        return new GcPauses(
                after.sample().gcPauses() - before.sample().gcPauses(),
                (after.sample().gcPauseSeconds() - before.sample().gcPauseSeconds()) * 1000,
                max * 1000);
    }

    private static Histogram histogram() {
        return new ConcurrentHistogram(HIGHEST_NANOS, 3);
    }

    /** A progress line that rewrites itself while a run goes on. */
    interface Progress {
        void line(String text);

        void done();

        Progress CONSOLE = new Progress() {
            @Override
            public void line(String text) {
                System.err.print("\r" + text);
                System.err.flush();
            }

            @Override
            public void done() {
                System.err.print("\r" + " ".repeat(100) + "\r");
            }
        };

        Progress SILENT = new Progress() {
            @Override
            public void line(String text) {}

            @Override
            public void done() {}
        };
    }
}
