package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The driver's bookkeeping for pairs with several recipients, against a wire that delivers at once. */
class DriverTests {

    private static Driver.Run run(Loopback wire) throws Exception {
        var driver = new Driver();
        var pairs = wire.openGroups(0, 0, driver, Driver.Progress.SILENT);
        return driver.run(wire, "group", pairs, 400, Duration.ZERO, Duration.ofMillis(500), Driver.Progress.SILENT);
    }

    @Test
    void everyRecipientOfAGroupIsExpectedAndCounted() throws Exception {
        var groups = List.of(Set.of(1L, 2L, 3L), Set.of(4L, 5L, 6L));
        var run = run(new Loopback(groups, groups));

        var verdict = run.verdict();
        assertThat(verdict.clean()).isTrue();
        assertThat(verdict.sent()).isPositive();
        assertThat(verdict.deliveries()).isEqualTo(3 * verdict.sent());
        assertThat(run.deliveryRate()).isCloseTo(3 * run.achievedRate(), within(0.1 * 3 * run.achievedRate()));
    }

    @Test
    void aMemberMissedAndAStrangerReachedAreReported() throws Exception {
        var groups = List.of(Set.of(1L, 2L, 3L));
        var run = run(new Loopback(groups, List.of(Set.of(1L, 2L, 99L))));

        var verdict = run.verdict();
        assertThat(verdict.clean()).isFalse();
        assertThat(verdict.lost()).isEqualTo(verdict.sent());
        assertThat(verdict.unexpected()).isEqualTo(verdict.sent());
    }
}
