package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
        var search = search(30, 2, 0, (rate, attempt) -> rate <= 9_000);

        // 10,752 fails; √(7,680 × 10,752) = 9,087 fails; √(7,680 × 9,087) = 8,354 passes
        assertThat(search.tried()).containsExactly(2_000, 2_800, 3_919, 5_486, 7_680, 10_752, 9_087, 8_354);
        assertThat(search.max()).isEqualTo(new Scenarios.Max(8_354, false));
    }

    @Test
    void aPassingMiddleRaisesTheMaximum() throws Exception {
        var search = search(30, 2, 0, (rate, attempt) -> rate <= 10_000);

        // 10,752 fails; 9,087 passes; √(9,087 × 10,752) = 9,885 passes
        assertThat(search.max().rate()).isEqualTo(9_885);
    }

    @Test
    void aFailingFirstStepStepsDownUntilOnePassesAndIsRefined() throws Exception {
        var search = search(30, 2, 0, (rate, attempt) -> rate <= 1_000);

        // 2,000 ÷ 1.4 = 1,428 and 1,020 fail, 728 passes; √(728 × 1,020) = 862 passes; √(862 × 1,020) = 938 passes
        assertThat(search.tried()).containsExactly(2_000, 1_428, 1_020, 728, 862, 938);
        assertThat(search.max()).isEqualTo(new Scenarios.Max(938, false));
    }

    @Test
    void aWireThatFailsEveryStepDownHasNoRate() throws Exception {
        var search = search(30, 2, 0, (rate, attempt) -> false);

        assertThat(search.tried()).as("four steps down").containsExactly(2_000, 1_428, 1_020, 728, 520);
        assertThat(search.max()).isEqualTo(new Scenarios.Max(0, false));
    }

    @Test
    void stepsDownCountAgainstTheMostSteps() throws Exception {
        var search = search(2, 2, 0, (rate, attempt) -> false);

        assertThat(search.tried()).containsExactly(2_000, 1_428);
    }

    @Test
    void noRefinementsKeepsTheStepsAlone() throws Exception {
        var search = search(30, 0, 0, (rate, attempt) -> rate <= 9_000);

        assertThat(search.max()).isEqualTo(new Scenarios.Max(7_680, false));
    }

    @Test
    void aWireThatPassesTheLastStepIsNotRefined() throws Exception {
        var search = search(3, 2, 0, (rate, attempt) -> true);

        assertThat(search.tried()).containsExactly(2_000, 2_800, 3_919);
        assertThat(search.max()).isEqualTo(new Scenarios.Max(3_919, true));
    }

    @Test
    void aRateThatFailsOnceAndPassesOnItsRetryCountsAsPassing() throws Exception {
        // a stall in the first try at 5,486 only
        var search = search(30, 2, 1, (rate, attempt) -> rate <= 9_000 && !(rate == 5_486 && attempt == 0));

        assertThat(search.tried())
                .containsExactly(2_000, 2_800, 3_919, 5_486, 5_486, 7_680, 10_752, 10_752, 9_087, 9_087, 8_354);
        assertThat(search.max()).isEqualTo(new Scenarios.Max(8_354, false));
    }

    @Test
    void aRateFailsOnlyAfterEveryRetryFailed() throws Exception {
        var search = search(2, 2, 2, (rate, attempt) -> false);

        assertThat(search.tried()).containsExactly(2_000, 2_000, 2_000, 1_428, 1_428, 1_428);
        assertThat(search.max().rate()).isZero();
    }

    @Test
    void aRetryRunsUnderItsOwnNameInTheReport() throws Exception {
        var report = new Report();
        // every message also reaches 3, who is not in the group: every try of the first step fails, without the
        // wait for missing deliveries that a lost message costs
        var max = maxRate(new Loopback(GROUPS, List.of(Set.of(1L, 2L, 3L))), 1, report);

        assertThat(max.rate()).isZero();
        assertThat(report.runs())
                .extracting(Driver.Run::scenario, Driver.Run::targetRate)
                .containsExactly(
                        tuple("step", 400), tuple("step-again", 400), tuple("step", 285), tuple("step-again", 285));
    }

    @Test
    void directRunsInAtTheRunInRateUnreportedWhenClean() throws Exception {
        var report = new Report();
        direct(new Loopback(GROUPS, GROUPS), 400, report);

        assertThat(report.runs())
                .extracting(Driver.Run::scenario, Driver.Run::targetRate)
                .containsExactly(tuple("direct", 400));
    }

    @Test
    void aDirectRunInThatFailsIsReportedWithItsRate() throws Exception {
        // every message also reaches 3, who is not in the group: every run's verdict fails
        var wire = new Loopback(GROUPS, List.of(Set.of(1L, 2L, 3L)));
        var report = new Report();
        direct(wire, 400, report);
        direct(wire, 150, report);

        assertThat(report.runs())
                .as("the run-in at the run-in rate, or at the rate where that is lower")
                .extracting(Driver.Run::scenario, Driver.Run::targetRate)
                .containsExactly(
                        tuple("direct-run-in", 200),
                        tuple("direct", 400),
                        tuple("direct-run-in", 150),
                        tuple("direct", 150));
    }

    /** {@code direct} at {@code rate} for 300 ms without warm-up, after a run-in of 300 ms at 200 msg/s. */
    private static void direct(Loopback wire, int rate, Report report) throws Exception {
        var load = new Scenarios.Load(1, Duration.ZERO, Duration.ofMillis(300), 10);
        Scenarios.direct(List.of(wire), load, rate, 200, Duration.ofMillis(300), report, Driver.Progress.SILENT);
    }

    private record Search(List<Integer> tried, Scenarios.Max max) {}

    /** {@link Scenarios#search} from 2,000 msg/s by ×1.4 against an oracle, recording the rates it tried. */
    private static Search search(int maxSteps, int refinements, int retries, Scenarios.Step oracle) throws Exception {
        var tried = new ArrayList<Integer>();
        var max = Scenarios.search(2_000, 1.4, maxSteps, refinements, retries, (rate, attempt) -> {
            tried.add(rate);
            return oracle.passes(rate, attempt);
        });
        return new Search(tried, max);
    }

    /** Two steps from 400 msg/s, 300 ms each, without warm-up, run-in or retries. */
    private static Scenarios.Max maxRate(Loopback wire) throws Exception {
        return maxRate(wire, 0, new Report());
    }

    private static Scenarios.Max maxRate(Loopback wire, int retries, Report report) throws Exception {
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
                retries,
                Duration.ZERO,
                report,
                Driver.Progress.SILENT);
        return best.get(wire.name());
    }
}
