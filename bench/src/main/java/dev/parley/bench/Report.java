package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Prints runs as a table, and writes them as JSON and as a PNG chart of their latency distributions. */
final class Report {

    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final List<Driver.Run> runs = new ArrayList<>();
    private final List<Map<String, Object>> extras = new ArrayList<>();

    void add(Driver.Run run) {
        runs.add(run);
    }

    List<Driver.Run> runs() {
        return List.copyOf(runs);
    }

    /** A result that is not a latency run (connections, sync), as named figures. */
    void add(Map<String, Object> figures) {
        extras.add(figures);
    }

    /**
     * The runs, one line each: target and achieved messages/s, deliveries/s (one per recipient,
     * arrived during the measured window), latencies, server CPU and heap, the server's garbage
     * collection pauses in the measured window (how many, their total and the longest, in ms), and the
     * verdict with the receipts the senders got (with {@code --receipts}); then the other results.
     */
    String table() {
        var out = new StringBuilder();
        out.append(String.format(
                "%-7s %-8s %9s %9s %10s | %-38s | %-38s | %5s %7s %13s %s%n",
                "wire",
                "scenario",
                "target/s",
                "done/s",
                "deliv/s",
                "send→ack ms  p50 p90 p99 p99.9 max",
                "send→delivery ms  p50 p90 p99 p99.9 max",
                "cpu",
                "heapMB",
                "gc n/ms/max",
                "verdict"));
        for (var run : runs) {
            out.append(String.format(
                    "%-7s %-8s %,9d %,9.0f %,10.0f | %-38s | %-38s | %5s %7s %13s %s%n",
                    run.wire(),
                    run.scenario(),
                    run.targetRate(),
                    run.achievedRate(),
                    run.deliveryRate(),
                    latencies(run.acknowledgement()),
                    latencies(run.delivery()),
                    run.serverCpu() < 0 ? "-" : String.format("%.0f%%", run.serverCpu() * 100),
                    run.serverHeapBytes() < 0 ? "-" : Long.toString(run.serverHeapBytes() >> 20),
                    gc(run.serverGc()),
                    verdict(run.verdict()) + (run.receipts() > 0 ? ", " + run.receipts() + " receipts" : "")));
        }
        for (var figures : extras) {
            out.append(figures).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String latencies(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return "-";
        }
        var out = new StringBuilder();
        for (double p : PERCENTILES) {
            out.append(String.format("%.1f ", millis(histogram.getValueAtPercentile(p))));
        }
        return out.append(String.format("%.1f", millis(histogram.getMaxValue())))
                .toString();
    }

    private static String gc(Driver.GcPauses gc) {
        return gc.count() < 0 ? "-" : String.format("%d/%.0f/%.0f", gc.count(), gc.totalMillis(), gc.maxMillis());
    }

    private static String verdict(Ledger.Verdict verdict) {
        return verdict.clean()
                ? "ok (" + verdict.acknowledged() + " acked, 0 lost, 0 dup, 0 out of order)"
                : String.format(
                        "FAILED lost=%d dup=%d order=%d unexpected=%d",
                        verdict.lost(), verdict.duplicated(), verdict.outOfOrder(), verdict.unexpected());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    void writeJson(Path file, Map<String, Object> context) throws IOException {
        var document = new LinkedHashMap<String, Object>(context);
        document.put("date", Instant.now().toString());
        var list = new ArrayList<Map<String, Object>>();
        for (var run : runs) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("wire", run.wire());
            entry.put("scenario", run.scenario());
            entry.put("targetRate", run.targetRate());
            entry.put("achievedRate", Math.round(run.achievedRate()));
            entry.put("deliveriesPerSecond", Math.round(run.deliveryRate()));
            entry.put("ackMillis", percentiles(run.acknowledgement()));
            entry.put("deliveryMillis", percentiles(run.delivery()));
            entry.put("serverCpu", run.serverCpu());
            entry.put("serverHeapBytes", run.serverHeapBytes());
            if (run.serverGc().count() >= 0) {
                entry.put("serverGcPauses", run.serverGc());
            }
            entry.put("verdict", run.verdict());
            entry.put("receiptsToSenders", run.receipts());
            list.add(entry);
        }
        document.put("runs", list);
        document.put("results", extras);
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), document);
    }

    private static Map<String, Double> percentiles(Histogram histogram) {
        var values = new LinkedHashMap<String, Double>();
        if (histogram.getTotalCount() == 0) {
            return values;
        }
        for (double p : PERCENTILES) {
            values.put(
                    "p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)),
                    millis(histogram.getValueAtPercentile(p)));
        }
        values.put("max", millis(histogram.getMaxValue()));
        return values;
    }

    /** The send→delivery latency distribution of every run, one series each, on a log percentile axis. */
    void writeChart(Path file, String title) throws IOException {
        var chart = new XYChartBuilder()
                .width(1000)
                .height(600)
                .title(title)
                .xAxisTitle("percentile (log scale: 1/(1-p))")
                .yAxisTitle("send→delivery latency (ms)")
                .build();
        chart.getStyler().setXAxisLogarithmic(true);
        boolean any = false;
        for (var run : runs) {
            var histogram = run.delivery();
            if (histogram.getTotalCount() == 0) {
                continue;
            }
            var xs = new ArrayList<Double>();
            var ys = new ArrayList<Double>();
            for (var value : histogram.percentiles(5)) {
                double p = value.getPercentileLevelIteratedTo() / 100;
                if (p >= 0.99999) {
                    break;
                }
                xs.add(1 / (1 - p));
                ys.add(millis(value.getValueIteratedTo()));
            }
            if (xs.isEmpty()) {
                continue;
            }
            var series =
                    chart.addSeries(String.format("%s %s %,d/s", run.wire(), run.scenario(), run.targetRate()), xs, ys);
            series.setMarker(SeriesMarkers.NONE);
            any = true;
        }
        if (any) {
            Files.createDirectories(file.getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
