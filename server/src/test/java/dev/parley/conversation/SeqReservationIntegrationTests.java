package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.Model;
import dev.parley.client.ParleySocket;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Seqs stay gap-free and unique when this node's memory of a conversation's last seq is wrong. */
@ServerTest
class SeqReservationIntegrationTests {

    @Autowired
    TestServer server;

    @Autowired
    ConversationRows rows;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anAppendByAnotherNodeIsNotOverwritten() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        long conversationId = firstMessage(alice, bob);

        // another node stored three messages meanwhile
        jdbc.sql("UPDATE conversation_heads SET last_seq = last_seq + 3 WHERE conversation_id = ?")
                .param(conversationId)
                .update();

        assertThat(seqOfSend(alice, bob, "two")).isEqualTo(5);
        assertThat(seqOfSend(alice, bob, "three")).isEqualTo(6);
    }

    @Test
    void anAppendThatRolledBackLeavesNoGapAndIsNotRemembered() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        long conversationId = firstMessage(alice, bob);

        transactions.executeWithoutResult(status -> {
            rows.advanceSeqs(List.of(new Conversations.Appended(
                    conversationId, new long[] {alice.userId(), alice.userId()}, 1, "text", "lost", 0)));
            status.setRollbackOnly();
        });
        assertThat(rows.committedLast(conversationId))
                .as("what this node remembers of the last message is what was committed")
                .isEqualTo(new ConversationRows.Last(1, alice.userId()));

        assertThat(seqOfSend(alice, bob, "two")).isEqualTo(2);
        assertThat(rows.committedLast(conversationId)).isEqualTo(new ConversationRows.Last(2, alice.userId()));
        var history = server.client().messagesAfter(bob.token(), conversationId, 0, null, 10);
        assertThat(history.messages()).extracting(Model.Message::seq).containsExactly(1L, 2L);
    }

    /** Befriends the two, sends the first message of their conversation (seq 1, so this node knows it), returns it. */
    private long firstMessage(Model.Session from, Model.Session to) {
        server.befriend(from, to);
        assertThat(seqOfSend(from, to, "one")).isEqualTo(1);
        return server.client().conversations(to.token()).getFirst().id();
    }

    private long seqOfSend(Model.Session from, Model.Session to, String clientMsgId) {
        try (var socket = server.connect(from)) {
            return socket.socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", clientMsgId)
                            .put("toUserId", to.userId())
                            .put("body", clientMsgId))
                    .join()
                    .path("message")
                    .path("seq")
                    .asLong();
        }
    }
}
