package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentSendsTests {

    @Test
    void recognisesASendItWasToldOfAndNotOthers() {
        var recent = new RecentSends(1024);
        recent.add(7, "m-1");

        assertThat(recent.mayContain(7, "m-1")).isTrue();
        assertThat(recent.mayContain(7, "m-2")).isFalse();
        assertThat(recent.mayContain(8, "m-1")).isFalse();
    }

    @Test
    void forgetsOlderSendsWhenNewerOnesTakeTheirSlots() {
        var recent = new RecentSends(2);
        for (int i = 0; i < 100; i++) {
            recent.add(1, "m-" + i);
        }

        assertThat(recent.mayContain(1, "m-99")).isTrue();
        long remembered = java.util.stream.IntStream.range(0, 100)
                .filter(i -> recent.mayContain(1, "m-" + i))
                .count();
        assertThat(remembered).isLessThanOrEqualTo(2);
    }

    @Test
    void fingerprintsSpreadSimilarKeys() {
        assertThat(RecentSends.fingerprint(1, "a")).isNotEqualTo(RecentSends.fingerprint(2, "a"));
        assertThat(RecentSends.fingerprint(1, "ab")).isNotEqualTo(RecentSends.fingerprint(1, "ba"));
        assertThat(RecentSends.fingerprint(0, "")).isNotZero();
    }
}
