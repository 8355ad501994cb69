package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
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
        var search = search(30, 2, rate -> rate <= 9_000);

        // 10,752 fails; √(7,680 × 10,752) = 9,087 fails; √(7,680 × 9,087) = 8,354 passes
        assertThat(search.tried()).containsExactly(2_000, 2_800, 3_919, 5_486, 7_680, 10_752, 9_087, 8_354);
        assertThat(search.max()).isEqualTo(new Scenarios.Max(8_354, false));
    }

    @Test
    void aPassingMiddleRaisesTheMaximum() throws Exception {
        var search = search(30, 2, rate -> rate <= 10_000);

        // 10,752 fails; 9,087 passes; √(9,087 × 10,752) = 9,885 passes
        assertThat(search.max().rate()).isEqualTo(9_885);
    }

    @Test
    void aFailingFirstStepIsNotRefined() throws Exception {
        var search = search(30, 2, rate -> false);

        assertThat(search.tried()).containsExactly(2_000);
        assertThat(search.max()).isEqualTo(new Scenarios.Max(0, false));
    }

    @Test
    void noRefinementsKeepsTheStepsAlone() throws Exception {
        var search = search(30, 0, rate -> rate <= 9_000);

        assertThat(search.max()).isEqualTo(new Scenarios.Max(7_680, false));
    }

    @Test
    void aWireThatPassesTheLastStepIsNotRefined() throws Exception {
        var search = search(3, 2, rate -> true);

        assertThat(search.tried()).containsExactly(2_000, 2_800, 3_919);
        assertThat(search.max()).isEqualTo(new Scenarios.Max(3_919, true));
    }

    private record Search(List<Integer> tried, Scenarios.Max max) {}

    /** {@link Scenarios#search} from 2,000 msg/s by ×1.4 against an oracle, recording the rates it tried. */
    private static Search search(int maxSteps, int refinements, IntPredicate passes) throws Exception {
        var tried = new ArrayList<Integer>();
        var max = Scenarios.search(2_000, 1.4, maxSteps, refinements, rate -> {
            tried.add(rate);
            return passes.test(rate);
        });
        return new Search(tried, max);
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
