package dev.parley.message;

import static dev.parley.testing.TestServer.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.Model;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleySocket;
import dev.parley.testing.Recorder;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

@ServerTest
class MessageActionsIntegrationTests {

    @Autowired
    TestServer server;

    @Test
    void aRecalledMessageBecomesATombstoneForEveryoneAlsoForADeviceThatWasOffline() {
        var friends = server.newFriends("alice", "bob");
        var alice = friends.a();
        var bob = friends.b();
        try (var bobsPhone = server.messenger(server.login(server.account(bob)));
                var aliceSocket = server.connect(alice)) {
            var sent = aliceSocket.ack(frame("r1").put("toUserId", bob.userId()).put("body", "oops, wrong chat"));
            long conversationId = sent.path("conversationId").asLong();
            bobsPhone.awaitMessages(conversationId, 1);
            bobsPhone.messenger().pause();

            var recall = client().recall(alice.token(), sent.path("id").asLong());
            assertThat(recall.kind()).isEqualTo("system");
            assertThat(recall.body())
                    .contains("\"event\":\"recalled\"")
                    .contains("\"messageId\":" + sent.path("id").asLong());

            bobsPhone.messenger().resume();
            var seen = bobsPhone.awaitMessages(conversationId, 2);
            assertThat(seen.getLast().seq()).isEqualTo(recall.seq());
            assertThat(seen.getLast().body()).contains("recalled");
            for (var reader : List.of(alice, bob)) {
                var original = client().messagesAfter(reader.token(), conversationId, 0, null, 10)
                        .messages()
                        .getFirst();
                assertThat(original.kind()).isEqualTo("recalled");
                assertThat(original.body()).isEmpty();
            }
            assertThat(client().conversation(bob.token(), conversationId)
                            .lastMessage()
                            .kind())
                    .isEqualTo("system");
            refused(
                    "unknown_message",
                    () -> client().recall(alice.token(), sent.path("id").asLong()));
        }
    }

    @Test
    void onlyTheSenderRecallsAndNothingButTextsAndImages() {
        var friends = server.newFriends("alice", "bob");
        try (var aliceSocket = server.connect(friends.a())) {
            var sent = aliceSocket.ack(
                    frame("x1").put("toUserId", friends.b().userId()).put("body", "mine"));
            refused(
                    "recall_not_allowed",
                    () -> client().recall(friends.b().token(), sent.path("id").asLong()));
            refused(
                    "unknown_message",
                    () -> client().recall(
                                    server.newUser("eve").token(),
                                    sent.path("id").asLong()));
            refused("unknown_message", () -> client().recall(friends.a().token(), 987654321L));
        }
    }

    @Test
    void deleteForMeAndClearHistoryChangeOnlyTheirUsersView() {
        var friends = server.newFriends("alice", "bob");
        var alice = friends.a();
        var bob = friends.b();
        try (var aliceSocket = server.connect(alice);
                var alicesOtherDevice = server.connect(server.login(server.account(alice)))) {
            var first =
                    aliceSocket.ack(frame("d1").put("toUserId", bob.userId()).put("body", "one"));
            aliceSocket.ack(frame("d2").put("toUserId", bob.userId()).put("body", "two"));
            long conversationId = first.path("conversationId").asLong();

            client().deleteMessage(alice.token(), first.path("id").asLong());

            var event = alicesOtherDevice
                    .frames()
                    .next(f -> "message.deleted".equals(f.path("event").asString()), Recorder.PATIENCE);
            assertThat(event.path("data").path("messageId").asLong())
                    .isEqualTo(first.path("id").asLong());
            var alices = client().messagesAfter(alice.token(), conversationId, 0, null, 10)
                    .messages();
            assertThat(alices).extracting(Model.Message::kind).containsExactly("deleted", "text");
            assertThat(alices.getFirst().body()).isEmpty();
            assertThat(alices.getFirst().seq()).isEqualTo(1);
            assertThat(client().messagesAfter(bob.token(), conversationId, 0, null, 10)
                            .messages())
                    .extracting(Model.Message::body)
                    .containsExactly("one", "two");
            refused(
                    "unknown_message",
                    () -> client().deleteMessage(
                                    server.newUser("eve").token(),
                                    first.path("id").asLong()));

            var cleared = client().clearHistory(bob.token(), conversationId);
            assertThat(cleared.clearedSeq()).isEqualTo(2);
            assertThat(cleared.unread()).isZero();
            assertThat(cleared.lastMessage()).isNull();
            assertThat(client().messagesAfter(bob.token(), conversationId, 0, null, 10)
                            .messages())
                    .isEmpty();
            assertThat(client().conversations(bob.token()))
                    .extracting(Model.Conversation::id)
                    .contains(conversationId);
            assertThat(client().messagesAfter(alice.token(), conversationId, 0, null, 10)
                            .messages())
                    .hasSize(2);

            client().deleteConversation(bob.token(), conversationId);
            assertThat(client().conversations(bob.token()))
                    .extracting(Model.Conversation::id)
                    .doesNotContain(conversationId);
            assertThat(client().conversations(alice.token()))
                    .extracting(Model.Conversation::id)
                    .contains(conversationId);
            aliceSocket.ack(frame("d3").put("toUserId", bob.userId()).put("body", "three"));
            var back = client().conversations(bob.token()).stream()
                    .filter(c -> c.id() == conversationId)
                    .findFirst()
                    .orElseThrow();
            assertThat(back.unread()).isEqualTo(1);
            assertThat(client().messagesAfter(bob.token(), conversationId, 0, null, 10)
                            .messages())
                    .extracting(Model.Message::body)
                    .containsExactly("three");
        }
    }

    @Test
    void repliesQuoteAMessageOfTheSameConversationAndForwardsCopyOneTheSenderCanRead() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        var carol = server.newUser("carol");
        server.befriend(alice, bob);
        server.befriend(alice, carol);
        server.befriend(bob, carol);
        try (var aliceSocket = server.connect(alice);
                var bobSocket = server.connect(bob)) {
            var question =
                    aliceSocket.ack(frame("q1").put("toUserId", bob.userId()).put("body", "lunch?"));
            var answer = bobSocket.ack(frame("a1")
                    .put("conversationId", question.path("conversationId").asLong())
                    .put("body", "yes!")
                    .put("replyToId", question.path("id").asLong()));
            assertThat(answer.path("replyTo").path("id").asLong())
                    .isEqualTo(question.path("id").asLong());
            assertThat(answer.path("replyTo").path("seq").asLong())
                    .isEqualTo(question.path("seq").asLong());

            var elsewhere =
                    aliceSocket.ack(frame("e1").put("toUserId", carol.userId()).put("body", "private"));
            assertThat(bobSocket.refusal(frame("a2")
                            .put("toUserId", alice.userId())
                            .put("body", "quoting what I cannot see")
                            .put("replyToId", elsewhere.path("id").asLong())))
                    .isEqualTo("unknown_message");
            assertThat(aliceSocket.refusal(frame("a3")
                            .put("toUserId", bob.userId())
                            .put("body", "quoting another chat")
                            .put("replyToId", elsewhere.path("id").asLong())))
                    .isEqualTo("unknown_message");

            var forwarded = bobSocket.ack(frame("f1")
                    .put("toUserId", carol.userId())
                    .put("forwardOf", question.path("id").asLong()));
            assertThat(forwarded.path("body").asString()).isEqualTo("lunch?");
            assertThat(forwarded.path("forwarded").asBoolean()).isTrue();
            assertThat(forwarded.path("senderId").asLong()).isEqualTo(bob.userId());
            assertThat(bobSocket.refusal(frame("f2")
                            .put("toUserId", carol.userId())
                            .put("forwardOf", elsewhere.path("id").asLong())))
                    .isEqualTo("unknown_message");
        }
    }

    @Test
    void mentionsFlagTheMentionedMembersConversationUntilTheyRead() {
        var owner = server.newUser("owner");
        var bob = server.newUser("bob");
        var carol = server.newUser("carol");
        server.befriend(owner, bob);
        server.befriend(owner, carol);
        long id = client().createGroup(owner.token(), "Team", List.of(bob.userId(), carol.userId()))
                .id();
        try (var ownerSocket = server.connect(owner);
                var bobSocket = server.connect(bob)) {
            var mention = frame("m1").put("conversationId", id).put("body", "@bob please look");
            mention.putArray("mentions").add(bob.userId());
            var sent = ownerSocket.ack(mention);
            assertThat(sent.path("mentions").get(0).asLong()).isEqualTo(bob.userId());

            assertThat(client().conversation(bob.token(), id).mentioned()).isTrue();
            assertThat(client().conversation(carol.token(), id).mentioned()).isFalse();
            client().markRead(bob.token(), id, sent.path("seq").asLong());
            assertThat(client().conversation(bob.token(), id).mentioned()).isFalse();

            var everyone = frame("m2")
                    .put("conversationId", id)
                    .put("body", "@all meeting")
                    .put("mentionAll", true);
            assertThat(bobSocket.refusal(everyone)).isEqualTo("not_allowed");
            var outsider = frame("m3").put("conversationId", id).put("body", "@eve");
            outsider.putArray("mentions").add(server.newUser("eve").userId());
            assertThat(ownerSocket.refusal(outsider)).isEqualTo("invalid_mention");
            var all = ownerSocket.ack(frame("m4")
                    .put("conversationId", id)
                    .put("body", "@all meeting")
                    .put("mentionAll", true));
            assertThat(all.path("mentionAll").asBoolean()).isTrue();
            assertThat(client().conversation(bob.token(), id).mentioned()).isTrue();
            assertThat(client().conversation(carol.token(), id).mentioned()).isTrue();
            assertThat(client().conversation(owner.token(), id).mentioned()).isFalse();
        }
    }

    @Test
    void groupReadStateSaysWhoHasReadAMessage() {
        var owner = server.newUser("owner");
        var bob = server.newUser("bob");
        var carol = server.newUser("carol");
        server.befriend(owner, bob);
        server.befriend(owner, carol);
        long id = client().createGroup(owner.token(), "Readers", List.of(bob.userId(), carol.userId()))
                .id();
        try (var ownerSocket = server.connect(owner)) {
            var sent = ownerSocket.ack(frame("rs1").put("conversationId", id).put("body", "read me"));
            long seq = sent.path("seq").asLong();
            var before = client().reads(owner.token(), id, seq);
            assertThat(before.readBy()).isEmpty();
            assertThat(before.unreadBy()).containsExactlyInAnyOrder(bob.userId(), carol.userId());

            client().markRead(bob.token(), id, seq);

            var after = client().reads(carol.token(), id, seq);
            assertThat(after.readBy()).containsExactly(bob.userId());
            assertThat(after.unreadBy()).containsExactly(carol.userId());
            refused("not_a_member", () -> client().reads(server.newUser("eve").token(), id, seq));
            refused("unknown_message", () -> client().reads(owner.token(), id, seq + 100));
        }
    }

    @Test
    void searchFindsOnlyWhatTheUserMayReadNewestFirstInPages() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        var carol = server.newUser("carol");
        server.befriend(alice, bob);
        server.befriend(bob, carol);
        String word = "pineapple" + System.nanoTime();
        try (var aliceSocket = server.connect(alice);
                var bobSocket = server.connect(bob)) {
            for (int i = 1; i <= 25; i++) {
                aliceSocket.ack(
                        frame("s" + i).put("toUserId", bob.userId()).put("body", "we need " + word + " number " + i));
            }
            bobSocket.ack(frame("s-c").put("toUserId", carol.userId()).put("body", "carol, " + word + " is secret"));
            aliceSocket.ack(frame("s-cjk").put("toUserId", bob.userId()).put("body", "我们明天吃 " + word + " 菠萝饭"));

            var first = client().searchMessages(alice.token(), word.toUpperCase(java.util.Locale.ROOT), null);
            assertThat(first.messages()).hasSize(20);
            assertThat(first.messages().getFirst().body()).contains("菠萝饭");
            assertThat(first.messages()).allSatisfy(m -> assertThat(m.body()).doesNotContain("carol"));
            var second = client().searchMessages(alice.token(), word, first.nextBefore());
            assertThat(second.messages()).hasSize(6);
            assertThat(second.messages().getLast().body()).endsWith("number 1");
            assertThat(client().searchMessages(alice.token(), "菠萝饭", null).messages())
                    .extracting(Model.Message::body)
                    .anySatisfy(body -> assertThat(body).contains(word));
            assertThat(client().searchMessages(bob.token(), word, null)
                            .messages()
                            .getFirst()
                            .body())
                    .contains("菠萝饭");
            assertThat(client().searchMessages(carol.token(), word, null).messages())
                    .extracting(Model.Message::body)
                    .containsExactly("carol, " + word + " is secret");

            long conversationId = first.messages().getFirst().conversationId();
            client().clearHistory(alice.token(), conversationId);
            assertThat(client().searchMessages(alice.token(), word, null).messages())
                    .isEmpty();
            refused("invalid_query", () -> client().searchMessages(alice.token(), "   ", null));
            refused("invalid_query", () -> client().searchMessages(alice.token(), "x".repeat(101), null));
        }
    }

    private static ObjectNode frame(String clientMsgId) {
        return ParleySocket.frame("send").put("clientMsgId", clientMsgId);
    }

    private ParleyClient client() {
        return server.client();
    }
}
