package dev.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdsTests {

    private static final long MAX_SAFE_JAVASCRIPT_INTEGER = (1L << 53) - 1;

    @Test
    void idsAreUniqueAndIncreasingEvenInABurstWithinOneMillisecond() {
        var frozen = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        var ids = new Ids(frozen, 3);
        long previous = 0;
        var seen = new HashSet<Long>();
        for (int i = 0; i < 10_000; i++) {
            long id = ids.next();
            assertThat(id).isGreaterThan(previous);
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
    }

    @Test
    void idsFitInJavaScriptNumbersForDecades() {
        var farFuture = Clock.fixed(Instant.parse("2090-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(new Ids(farFuture, Ids.MAX_NODES - 1).next()).isLessThanOrEqualTo(MAX_SAFE_JAVASCRIPT_INTEGER);
    }

    @Test
    void nodesNeverCollide() {
        var clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        var first = new Ids(clock, 0);
        var second = new Ids(clock, 1);
        var seen = new HashSet<Long>();
        for (int i = 0; i < 1_000; i++) {
            assertThat(seen.add(first.next())).isTrue();
            assertThat(seen.add(second.next())).isTrue();
        }
    }

    @Test
    void concurrentCallersGetDistinctIds() {
        var ids = new Ids(Clock.systemUTC(), 0);
        var seen = ConcurrentHashMap.<Long>newKeySet();
        IntStream.range(0, 50_000)
                .parallel()
                .forEach(i -> assertThat(seen.add(ids.next())).isTrue());
        assertThat(seen).hasSize(50_000);
    }

    @Test
    void nodeIdOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> new Ids(Clock.systemUTC(), Ids.MAX_NODES))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
