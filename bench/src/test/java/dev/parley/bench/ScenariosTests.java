package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How {@code max} steps the rate, against wires that deliver at once. */
class ScenariosTests {

    private static final List<Set<Long>> GROUPS = List.of(Set.of(1L, 2L));

    @Test
    void aWireThatPassesEveryStepIsMarkedAsNeverFailing() throws Exception {
        var max = maxRate(new Loopback(GROUPS, GROUPS));

        assertThat(max.rate()).as("the second step: 400 × 1.4").isEqualTo(560);
        assertThat(max.passedEveryStep()).isTrue();
    }

    @Test
    void aWireThatFailsAStepHasTheRateBeforeIt() throws Exception {
        // every message misses recipient 2: the first step's verdict fails
        var max = maxRate(new Loopback(GROUPS, List.of(Set.of(1L))));

        assertThat(max.rate()).isZero();
        assertThat(max.passedEveryStep()).isFalse();
    }

    /** Two steps from 400 msg/s, 300 ms each, without warm-up or run-in. */
    private static Scenarios.Max maxRate(Loopback wire) throws Exception {
        var load = new Scenarios.Load(1, Duration.ZERO, Duration.ofMillis(300), 10);
        var best = Scenarios.maxRate(
                List.of(wire),
                (w, driver) -> w.openGroups(0, 0, driver, Driver.Progress.SILENT),
                "step",
                load,
                400,
                1.4,
                2,
                Duration.ZERO,
                new Report(),
                Driver.Progress.SILENT);
        return best.get(wire.name());
    }
}
