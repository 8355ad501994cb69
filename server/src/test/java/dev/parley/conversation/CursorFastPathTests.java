package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.parley.conversation.CursorMoved.Cursor;
import dev.parley.conversation.CursorWriter.Move;
import dev.parley.shared.Ids;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A cursor frame is queued without a query only when the caches answer for the database: the roster, and the last
 * message this node committed to the conversation.
 */
class CursorFastPathTests {

    private static final long CONVERSATION = 1;
    private static final long ALICE = 10;
    private static final long BOB = 20;
    private static final long STRANGER = 30;

    private final ConversationRows rows = mock(ConversationRows.class);
    private final CursorWriter cursors = mock(CursorWriter.class);
    private final Conversations conversations = new Conversations(
            rows,
            cursors,
            new TransactionTemplate(mock(PlatformTransactionManager.class)),
            event -> {},
            new Ids(Clock.systemUTC(), 1),
            Clock.systemUTC());

    /** A direct chat of Alice and Bob whose roster is cached, and whose last message, at seq 5, Alice sent. */
    @BeforeEach
    void aDirectChatWhoseLastMessageIsAlices() {
        when(rows.roster(CONVERSATION)).thenReturn(List.of(Map.entry(ALICE, "member"), Map.entry(BOB, "member")));
        conversations.members(CONVERSATION);
        when(rows.committedLast(CONVERSATION)).thenReturn(new ConversationRows.Last(5, ALICE));
        when(cursors.advance(any())).thenReturn(CompletableFuture.completedFuture(5L));
    }

    @Test
    void aMoveToAMessageThisNodeCommittedIsQueuedWithoutAQuery() {
        assertThat(conversations.advanceWithoutBlocking(CONVERSATION, BOB, 5, Cursor.DELIVERED))
                .isNotNull();
        assertThat(conversations.advanceWithoutBlocking(CONVERSATION, BOB, 3, Cursor.READ))
                .isNotNull();

        verify(cursors).advance(new Move(CONVERSATION, BOB, Cursor.DELIVERED, 5));
        verify(cursors).advance(new Move(CONVERSATION, BOB, Cursor.READ, 3));
        verify(rows, never()).membership(anyLong(), anyLong());
    }

    @Test
    void whatTheCachesCannotAnswerIsLeftToTheDatabase() {
        assertThat(conversations.advanceWithoutBlocking(CONVERSATION, BOB, 6, Cursor.DELIVERED))
                .as("past the last message this node committed: clamped, or another node's")
                .isNull();
        assertThat(conversations.advanceWithoutBlocking(CONVERSATION, ALICE, 5, Cursor.READ))
                .as("the last sender, whose cursors are implicit")
                .isNull();
        assertThat(conversations.advanceWithoutBlocking(CONVERSATION, STRANGER, 5, Cursor.READ))
                .as("not an active member: a former one may still move a cursor up to where they left")
                .isNull();
        assertThat(conversations.advanceWithoutBlocking(CONVERSATION, BOB, 0, Cursor.READ))
                .isNull();
        assertThat(conversations.advanceWithoutBlocking(2, BOB, 1, Cursor.READ))
                .as("a conversation this node has committed nothing to, and whose roster it has not cached")
                .isNull();
        verify(cursors, never()).advance(any());
    }
}
