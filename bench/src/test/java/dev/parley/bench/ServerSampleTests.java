package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the node's metrics, and the garbage collection pauses of a run's measured window from them. */
class ServerSampleTests {

    private static final String PROMETHEUS = """
            # HELP process_cpu_usage The "recent cpu usage" for the Java Virtual Machine process
            # TYPE process_cpu_usage gauge
            process_cpu_usage 0.42
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E8
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.0E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
            # TYPE jvm_gc_pause_seconds summary
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 40
            jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.3
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="Metadata GC Threshold",gc="G1 Young Generation"} 2
            jvm_gc_pause_seconds_sum{action="end of minor GC",cause="Metadata GC Threshold",gc="G1 Young Generation"} 0.05
            jvm_gc_pause_seconds_max{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.022
            jvm_gc_pause_seconds_max{action="end of minor GC",cause="Metadata GC Threshold",gc="G1 Young Generation"} 0.031
            jvm_gc_concurrent_phase_time_seconds_count{action="concurrent",cause="No GC",gc="G1 Concurrent GC"} 7
            """;

    @Test
    void aSampleAddsUpTheHeapAndThePausesOfEveryCollectorAndCause() {
        var sample = ParleyWire.sample(PROMETHEUS);

        assertThat(sample.cpu()).isEqualTo(0.42);
        assertThat(sample.heapBytes()).isEqualTo(150_000_000L);
        assertThat(sample.gcPauses()).isEqualTo(42);
        assertThat(sample.gcPauseSeconds()).isCloseTo(0.35, within(1e-9));
        assertThat(sample.gcPauseMaxSeconds()).isEqualTo(0.031);
    }

    @Test
    void aPageWithoutPausesReadsAsNone() {
        var sample = ParleyWire.sample("process_cpu_usage 0.1\n");

        assertThat(sample.gcPauses()).isZero();
        assertThat(sample.gcPauseMaxSeconds()).isZero();
    }

    private static Driver.Sampled at(long nanos, long pauses, double seconds, double maxSeconds) {
        return new Driver.Sampled(nanos, new Wire.ServerSample(0.5, 1, pauses, seconds, maxSeconds));
    }

    @Test
    void theWindowCountsFromTheLastSampleBeforeItToTheFirstAfterIt() {
        var samples = List.of(
                at(0, 10, 0.10, 0.050), // warm-up: its pauses and its longest pause are not the window's
                at(1_000, 12, 0.12, 0.050),
                at(2_000, 15, 0.15, 0.008),
                at(3_000, 17, 0.20, 0.030),
                at(4_000, 20, 0.23, 0.009),
                at(5_000, 30, 0.50, 0.090)); // after the window: the drain

        var gc = Driver.gcPauses(samples, 1_500, 3_500);

        assertThat(gc.count()).isEqualTo(8); // 20 at 4,000 less 12 at 1,000
        assertThat(gc.totalMillis()).isCloseTo(110, within(1e-6));
        assertThat(gc.maxMillis()).isCloseTo(30, within(1e-6));
    }

    @Test
    void withoutASampleOnEachSideOfTheWindowThePausesAreUnknown() {
        assertThat(Driver.gcPauses(List.of(), 0, 10)).isEqualTo(Driver.GcPauses.UNKNOWN);
        assertThat(Driver.gcPauses(List.of(at(5, 1, 0.1, 0.1)), 0, 10)).isEqualTo(Driver.GcPauses.UNKNOWN);
        assertThat(Driver.gcPauses(List.of(at(0, 1, 0.1, 0.1)), 5, 10)).isEqualTo(Driver.GcPauses.UNKNOWN);
    }
}
