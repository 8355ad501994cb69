package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientMsgIdsTests {

    /** A clock that reads the time the test sets. */
    private static Clock clockAt(AtomicLong millis) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.get());
            }
        };
    }

    @Test
    void idsMadeLaterSortAfterIdsMadeEarlier() {
        var now = new AtomicLong(1_795_449_492_071L);
        var ids = new ClientMsgIds(clockAt(now));
        var made = new ArrayList<String>();
        for (int i = 0; i < 1_000; i++) {
            made.add(ids.next());
            now.addAndGet(i % 7 == 0 ? 1 : 0); // several ids within one millisecond, then the next
        }
        for (int i = 1; i < made.size(); i++) {
            var earlier = made.get(i - 1).substring(0, 12);
            assertThat(made.get(i).substring(0, 12)).isGreaterThanOrEqualTo(earlier);
        }
        // fixed width: a time with more significant digits sorts after, too
        now.set(0x0ff_ffff_ffffL);
        var before = ids.next();
        now.set(0x100_0000_0000L);
        assertThat(ids.next()).isGreaterThan(before);
    }

    @Test
    void idsAreUniqueWithinOneMillisecondAndFitTheServersRule() {
        var ids = new ClientMsgIds(Clock.fixed(Instant.ofEpochMilli(1_795_449_492_071L), ZoneOffset.UTC));
        var made = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            var id = ids.next();
            assertThat(id).matches("[0-9a-f]{12}-[0-9a-f]{20}").hasSizeLessThanOrEqualTo(64);
            made.add(id);
        }
        assertThat(made).hasSize(10_000);
        assertThat(made).allMatch(id -> id.startsWith("01a209211267-"));
    }
}
