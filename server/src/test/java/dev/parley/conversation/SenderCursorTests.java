package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which read cursors an append writes ({@link Conversations#cursorsToWrite}). */
class SenderCursorTests {

    private static final long CHAT = 7;
    private static final long ANN = 1;
    private static final long BEN = 2;
    private static final long CAT = 3;

    @Test
    void aRunOfOneSenderWritesNoCursor() {
        assertThat(write(new ConversationRows.Last(4, ANN), ANN, ANN, ANN)).isEmpty();
    }

    @Test
    void theFirstMessagesWriteNoCursor() {
        assertThat(write(new ConversationRows.Last(0, 0), ANN)).isEmpty();
    }

    @Test
    void theLastSenderBeforeIsWrittenUpToTheSeqThatWasLast() {
        assertThat(write(new ConversationRows.Last(4, ANN), BEN, BEN))
                .containsExactly(new Conversations.SenderRead(CHAT, ANN, 4));
    }

    @Test
    void everySenderButTheLastIsWrittenUpToTheirLastMessage() {
        // seqs 5..9: ben, cat, ben, cat, ann
        assertThat(write(new ConversationRows.Last(4, ANN), BEN, CAT, BEN, CAT, ANN))
                .containsExactlyInAnyOrder(
                        new Conversations.SenderRead(CHAT, BEN, 7), new Conversations.SenderRead(CHAT, CAT, 8));
    }

    @Test
    void theLastSenderBeforeWhoSendsAgainIsWrittenUpToTheirNewMessage() {
        // seqs 5..6: ann, ben
        assertThat(write(new ConversationRows.Last(4, ANN), ANN, BEN))
                .containsExactly(new Conversations.SenderRead(CHAT, ANN, 5));
    }

    private static List<Conversations.SenderRead> write(ConversationRows.Last previous, long... senders) {
        var appended = new Conversations.Appended(CHAT, senders, 99, "text", "hi", 0);
        return Conversations.cursorsToWrite(
                appended, new ConversationRows.Advance(previous.seq() + senders.length, previous));
    }
}
