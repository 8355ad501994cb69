package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.client.ParleyException;
import dev.parley.client.ParleySocket;
import dev.parley.conversation.ConversationRefusals;
import dev.parley.conversation.Conversations;
import dev.parley.shared.Refusal;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@ServerTest
@TestPropertySource(properties = {"parley.message.rate-per-second=5", "parley.message.rate-burst=5"})
class RateLimitIntegrationTests {

    @Autowired
    TestServer server;

    @Autowired
    MessageSending sending;

    @Autowired
    Conversations conversations;

    @Test
    void senderAboveTheRateIsRefusedAndARetryOfAStoredMessageIsNot() {
        var alice = server.newUser("hasty");
        var bob = server.newUser("patient");
        server.befriend(alice, bob);
        try (var socket = server.connect(alice)) {
            var answers = new ArrayList<CompletableFuture<tools.jackson.databind.JsonNode>>();
            for (int i = 0; i < 8; i++) {
                answers.add(socket.socket()
                        .request(ParleySocket.frame("send")
                                .put("clientMsgId", "fast-" + i)
                                .put("toUserId", bob.userId())
                                .put("body", "message " + i)));
            }
            var codes = answers.stream()
                    .map(answer -> {
                        try {
                            return answer.join().path("type").asString();
                        } catch (CompletionException e) {
                            return ((ParleyException) e.getCause()).code();
                        }
                    })
                    .toList();
            assertThat(codes).contains("ack", "rate_limited");
            assertThat(codes.stream().filter("ack"::equals).count()).isLessThanOrEqualTo(6);

            var retryOfStored = socket.socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "fast-0")
                            .put("toUserId", bob.userId())
                            .put("body", "message 0"))
                    .join();
            assertThat(retryOfStored.path("type").asString()).isEqualTo("ack");
        }
    }

    @Test
    void sendsRefusedOnTheEventLoopCostTokensAsOnTheBlockingSend() {
        var friends = server.newFriends("talker", "listener");
        var conversation = new MessageSending.Target.Conversation(
                conversations.direct(friends.a().userId(), friends.b().userId()));
        sending.send(
                        friends.a().userId(),
                        0,
                        conversation,
                        "first",
                        new MessageSending.Content.Text("fills the caches"))
                .join();
        long intruder = server.newUser("intruder").userId();

        var refusals = new ArrayList<Class<?>>();
        for (int i = 0; i < 7; i++) {
            try {
                sending.sendWithoutBlocking(
                        intruder,
                        0,
                        conversation,
                        "knock-" + i,
                        new MessageSending.Content.Text("let me in"),
                        MessageSending.Options.NONE);
            } catch (Refusal refused) {
                refusals.add(refused.getClass());
            }
        }

        assertThat(refusals)
                .as("the burst of 5 is spent on refusals, then the rate refuses")
                .containsExactly(
                        ConversationRefusals.NotAMember.class,
                        ConversationRefusals.NotAMember.class,
                        ConversationRefusals.NotAMember.class,
                        ConversationRefusals.NotAMember.class,
                        ConversationRefusals.NotAMember.class,
                        MessageRefusals.RateLimited.class,
                        MessageRefusals.RateLimited.class);
    }

    @Test
    void messengerRetriesRateLimitedSendsUntilTheyAreStoredInTheOrderTheyWereMade() {
        var alice = server.newUser("burst");
        var bob = server.newUser("reader");
        server.befriend(alice, bob);
        try (var messenger = server.messenger(alice)) {
            var sends = new ArrayList<CompletableFuture<Model.Message>>();
            for (int i = 0; i < 12; i++) {
                sends.add(messenger.messenger().send(new Messenger.Target.User(bob.userId()), "burst " + i));
            }
            var stored = sends.stream().map(CompletableFuture::join).toList();
            assertThat(stored)
                    .as("a refused send is retried before the ones after it go out, so none overtakes it")
                    .extracting(Model.Message::body)
                    .containsExactlyElementsOf(
                            IntStream.range(0, 12).mapToObj(i -> "burst " + i).toList());
            assertThat(stored).extracting(Model.Message::seq).isSorted().doesNotHaveDuplicates();
        }
    }
}
