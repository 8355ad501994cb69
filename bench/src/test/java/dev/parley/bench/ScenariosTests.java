package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
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

    @Test
    void afterTheFirstFailingStepTheGapIsNarrowedTwice() throws Exception {
        var tried = new ArrayList<Integer>();
        var max = Scenarios.search(2_000, 1.4, 30, 2, rate -> {
            tried.add(rate);
            return rate <= 9_000;
        });

        // 10,752 fails; √(7,680 × 10,752) = 9,087 fails; √(7,680 × 9,087) = 8,354 passes
        assertThat(tried).containsExactly(2_000, 2_800, 3_919, 5_486, 7_680, 10_752, 9_087, 8_354);
        assertThat(max.rate()).isEqualTo(8_354);
        assertThat(max.passedEveryStep()).isFalse();
    }

    @Test
    void aPassingMiddleRaisesTheMaximum() throws Exception {
        var max = Scenarios.search(2_000, 1.4, 30, 2, rate -> rate <= 10_000);

        // 10,752 fails; 9,087 passes; √(9,087 × 10,752) = 9,885 passes
        assertThat(max.rate()).isEqualTo(9_885);
    }

    @Test
    void aFailingFirstStepIsNotRefined() throws Exception {
        var tried = new ArrayList<Integer>();
        var max = Scenarios.search(2_000, 1.4, 30, 2, rate -> {
            tried.add(rate);
            return false;
        });

        assertThat(tried).containsExactly(2_000);
        assertThat(max.rate()).isZero();
    }

    @Test
    void noRefinementsKeepsTheStepsAlone() throws Exception {
        var max = Scenarios.search(2_000, 1.4, 30, 0, rate -> rate <= 9_000);

        assertThat(max.rate()).isEqualTo(7_680);
        assertThat(max.passedEveryStep()).isFalse();
    }

    @Test
    void aWireThatPassesTheLastStepIsNotRefined() throws Exception {
        var tried = new ArrayList<Integer>();
        var max = Scenarios.search(2_000, 1.4, 3, 2, rate -> {
            tried.add(rate);
            return true;
        });

        assertThat(tried).containsExactly(2_000, 2_800, 3_919);
        assertThat(max).isEqualTo(new Scenarios.Max(3_919, true));
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
                2,
                Duration.ZERO,
                new Report(),
                Driver.Progress.SILENT);
        return best.get(wire.name());
    }
}
