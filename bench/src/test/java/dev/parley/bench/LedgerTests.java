package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerTests {

    private final Ledger ledger = new Ledger();

    private void sendAndAck(String id, long... recipients) {
        var expected = new java.util.HashSet<Long>();
        for (long r : recipients) {
            expected.add(r);
        }
        ledger.sent(id, Set.copyOf(expected));
        ledger.acknowledged(id);
    }

    @Test
    void aCompleteOrderedStreamIsClean() {
        sendAndAck("a", 1);
        sendAndAck("b", 1);
        ledger.delivered(1, "a", 7, 1);
        ledger.delivered(1, "b", 7, 2);

        var verdict = ledger.verdict();
        assertThat(verdict.clean()).isTrue();
        assertThat(verdict.deliveries()).isEqualTo(2);
    }

    @Test
    void anAcknowledgedMessageThatNeverArrivesIsLost() {
        sendAndAck("a", 1, 2);
        ledger.delivered(1, "a", 7, 1);

        var verdict = ledger.verdict();
        assertThat(verdict.lost()).isEqualTo(1);
        assertThat(verdict.clean()).isFalse();
    }

    @Test
    void anUnacknowledgedMessageThatNeverArrivesIsNotCountedLost() {
        ledger.sent("a", Set.of(1L));
        assertThat(ledger.verdict().lost()).isZero();
    }

    @Test
    void aMessageArrivingTwiceIsADuplicate() {
        sendAndAck("a", 1);
        ledger.delivered(1, "a", 7, 1);
        ledger.delivered(1, "a", 7, 1);

        var verdict = ledger.verdict();
        assertThat(verdict.duplicated()).isEqualTo(1);
        assertThat(verdict.clean()).isFalse();
    }

    @Test
    void aLowerSeqAfterAHigherOneIsOutOfOrder() {
        sendAndAck("a", 1);
        sendAndAck("b", 1);
        ledger.delivered(1, "b", 7, 2);
        ledger.delivered(1, "a", 7, 1);

        var verdict = ledger.verdict();
        assertThat(verdict.outOfOrder()).isEqualTo(1);
        assertThat(verdict.clean()).isFalse();
    }

    @Test
    void streamsAreOrderedIndependently() {
        sendAndAck("a", 1);
        sendAndAck("b", 1);
        ledger.delivered(1, "b", 8, 5);
        ledger.delivered(1, "a", 7, 1);
        assertThat(ledger.verdict().clean()).isTrue();
    }

    @Test
    void aDeliveryNobodySentOrToTheWrongRecipientIsUnexpected() {
        sendAndAck("a", 1);
        ledger.delivered(1, "a", 7, 1);
        ledger.delivered(2, "a", 7, 1);
        ledger.delivered(1, "ghost", 7, 2);
        assertThat(ledger.verdict().unexpected()).isEqualTo(2);
    }
}
