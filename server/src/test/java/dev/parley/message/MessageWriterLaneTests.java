package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.shared.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class MessageWriterLaneTests {

    private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");
    private static final int LANES = 4;
    private static final int COUNT = 4000;

    @Test
    void conversationsOpenedOneAtATimeSpreadEvenlyOverTheLanes() {
        // the usual case: each id is the first of its millisecond, so its sequence bits are zero
        assertEvenSpread(ids(i -> i));
        assertEvenSpread(ids(i -> i * 1000));
        assertEvenSpread(ids(i -> i * 60_000));
    }

    @Test
    void conversationsOpenedInOneBurstSpreadEvenlyOverTheLanes() {
        var ids = new Ids(Clock.fixed(START, ZoneOffset.UTC), 5);
        var burst = new ArrayList<Long>();
        for (int i = 0; i < COUNT; i++) {
            burst.add(ids.next());
        }
        assertEvenSpread(burst);
    }

    @Test
    void aConversationKeepsItsLane() {
        for (long id : ids(i -> i * 7)) {
            int lane = MessageWriter.lane(id, LANES);
            assertThat(lane).isBetween(0, LANES - 1);
            assertThat(MessageWriter.lane(id, LANES)).isEqualTo(lane);
        }
        assertThat(MessageWriter.lane(-1, LANES)).isBetween(0, LANES - 1);
        assertThat(MessageWriter.lane(12345, 1)).isZero();
    }

    /** Ids of conversations opened at START plus {@code millis(i)}, each on a fresh generator of node 1. */
    private static List<Long> ids(LongUnaryOperator millis) {
        var ids = new ArrayList<Long>();
        for (int i = 0; i < COUNT; i++) {
            var at = START.plus(Duration.ofMillis(millis.applyAsLong(i)));
            ids.add(new Ids(Clock.fixed(at, ZoneOffset.UTC), 1).next());
        }
        return ids;
    }

    private static void assertEvenSpread(List<Long> ids) {
        var perLane = new int[LANES];
        ids.forEach(id -> perLane[MessageWriter.lane(id, LANES)]++);
        for (int count : perLane) {
            // an even share is 1000 of 4000; a fair hash stays well within 10 % of it
            assertThat(count).as("conversations per lane").isBetween(900, 1100);
        }
    }
}
