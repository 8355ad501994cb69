package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.Model;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyException;
import dev.parley.client.ParleySocket;
import dev.parley.testing.Recorder;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServerTest
class ConversationListIntegrationTests {

    @Autowired
    TestServer server;

    @Autowired
    JdbcClient jdbc;

    @Test
    void pinnedConversationsComeFirstAndMutedOnesCountInNoBadge() {
        var me = server.newUser("me");
        var ann = server.newUser("ann");
        var ben = server.newUser("ben");
        var cat = server.newUser("cat");
        for (var friend : List.of(ann, ben, cat)) {
            server.befriend(me, friend);
        }
        long withAnn = say(ann, me, "a1", "hello from ann");
        long withBen = say(ben, me, "b1", "hello from ben");
        long withCat = say(cat, me, "c1", "hello from cat");
        say(cat, me, "c2", "and again");

        assertThat(ids(me)).containsExactly(withCat, withBen, withAnn);
        assertThat(client().unreadTotal(me.token())).isEqualTo(4);

        try (var otherDevice = server.connect(server.login(server.account(me)))) {
            var pinned = client().pin(me.token(), withAnn, true);
            assertThat(pinned.pinned()).isTrue();
            var event = otherDevice
                    .frames()
                    .next(f -> "conversation.updated".equals(f.path("event").asString()), Recorder.PATIENCE);
            assertThat(event.path("data").path("pinned").asBoolean()).isTrue();
        }
        assertThat(ids(me)).containsExactly(withAnn, withCat, withBen);

        var muted = client().mute(me.token(), withCat, true);
        assertThat(muted.muted()).isTrue();
        assertThat(muted.unread()).isEqualTo(2);
        assertThat(client().unreadTotal(me.token())).isEqualTo(2);
        say(ben, me, "b2", "news");
        assertThat(ids(me)).containsExactly(withAnn, withBen, withCat);

        client().pin(me.token(), withAnn, false);
        client().mute(me.token(), withCat, false);
        assertThat(ids(me)).containsExactly(withBen, withCat, withAnn);
        assertThat(client().unreadTotal(me.token())).isEqualTo(5);
        assertThatThrownBy(() -> client().pin(server.newUser("eve").token(), withAnn, true))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("not_a_member"));
        assertThatThrownBy(() -> client().mute(me.token(), 424242L, true))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("unknown_conversation"));
    }

    @Test
    void ownMessagesAreReadWithoutWritingTheSendersRowUntilSomeoneElseSends() {
        var ann = server.newUser("ann");
        var ben = server.newUser("ben");
        server.befriend(ann, ben);
        long chat = say(ben, ann, "b1", "hi");
        say(ann, ben, "a1", "one");
        say(ann, ben, "a2", "two");
        say(ann, ben, "a3", "three");

        assertThat(storedReadSeq(chat, ann))
                .as("a run of ann's sends writes no member row")
                .isZero();
        assertThat(storedReadSeq(chat, ben))
                .as("ann sending after ben wrote his")
                .isEqualTo(1);
        var annSees = only(ann);
        assertThat(annSees.readSeq()).isEqualTo(4);
        assertThat(annSees.unread()).isZero();
        var benSees = only(ben);
        assertThat(benSees.unread()).isEqualTo(3);
        assertThat(benSees.peerReadSeq()).isEqualTo(4);
        assertThat(benSees.peerDeliveredSeq()).isEqualTo(4);
        assertThat(client().reads(ben.token(), chat, 1).readBy()).containsExactly(ann.userId());

        say(ben, ann, "b2", "reply");

        assertThat(storedReadSeq(chat, ann))
                .as("ben sending last wrote ann's cursor")
                .isEqualTo(4);
        assertThat(storedReadSeq(chat, ben)).isEqualTo(1);
        annSees = only(ann);
        assertThat(annSees.readSeq()).isEqualTo(4);
        assertThat(annSees.unread()).isEqualTo(1);
        assertThat(annSees.peerReadSeq()).isEqualTo(5);
        assertThat(only(ben).readSeq()).isEqualTo(5);
        assertThat(only(ben).unread()).isZero();
        assertThat(client().unreadTotal(ann.token())).isEqualTo(1);
        assertThat(client().reads(ben.token(), chat, 4).unreadBy()).isEmpty();
        assertThat(client().reads(ann.token(), chat, 5).unreadBy()).containsExactly(ann.userId());
    }

    private Model.Conversation only(Model.Session user) {
        var conversations = client().conversations(user.token());
        assertThat(conversations).hasSize(1);
        return conversations.getFirst();
    }

    private long storedReadSeq(long conversationId, Model.Session user) {
        return jdbc.sql("SELECT read_seq FROM member_cursors WHERE conversation_id = ? AND user_id = ?")
                .params(conversationId, user.userId())
                .query(Long.class)
                .single();
    }

    private List<Long> ids(Model.Session user) {
        return client().conversations(user.token()).stream()
                .map(Model.Conversation::id)
                .toList();
    }

    /** Sends a message from one user to another and returns the conversation. */
    private long say(Model.Session from, Model.Session to, String clientMsgId, String body) {
        try (var socket = server.connect(from)) {
            var ack = socket.socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", clientMsgId)
                            .put("toUserId", to.userId())
                            .put("body", body))
                    .join();
            try {
                Thread.sleep(5); // distinct last-activity times
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ack.path("message").path("conversationId").asLong();
        }
    }

    private ParleyClient client() {
        return server.client();
    }
}
