package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.client.Model;
import dev.parley.conversation.ConversationRefusals;
import dev.parley.conversation.Conversations;
import dev.parley.message.MessageSending.Content;
import dev.parley.message.MessageSending.Options;
import dev.parley.message.MessageSending.Target;
import dev.parley.social.NotFriends;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The event loop's way to send ({@link MessageSending#sendWithoutBlocking}): from the caches alone it stores what the
 * blocking send would and refuses what it would refuse, and whatever it cannot decide from memory it leaves, untouched,
 * to the blocking send.
 */
@ServerTest
class SendWithoutBlockingIntegrationTests {

    @Autowired
    TestServer server;

    @Autowired
    MessageSending sending;

    @Autowired
    Conversations conversations;

    private record Pair(Model.Session alice, Model.Session bob, Message first) {

        long conversationId() {
            return first.conversationId();
        }
    }

    /** Two friends whose direct conversation has one message, sent the blocking way, which fills the caches. */
    private Pair friendsWhoTalked() {
        var friends = server.newFriends("alice", "bob");
        var alice = friends.a();
        var bob = friends.b();
        var conversation = new Target.Conversation(conversations.direct(alice.userId(), bob.userId()));
        var first = sending.send(alice.userId(), 0, conversation, "first", text("first"))
                .join();
        return new Pair(alice, bob, first);
    }

    private static Content text(String body) {
        return new Content.Text(body);
    }

    /** A send without a reply or mentions, from no connection, the event loop's way. */
    private @Nullable CompletableFuture<Message> fromCaches(
            long senderId, Target target, String clientMsgId, Content content) {
        return sending.sendWithoutBlocking(senderId, 0, target, clientMsgId, content, Options.NONE);
    }

    @Test
    void aTextToAConversationInTheCachesIsStoredInOrder() {
        var pair = friendsWhoTalked();

        var queued = fromCaches(
                pair.bob().userId(),
                new Target.Conversation(pair.conversationId()),
                "fast-1",
                text("answered from memory"));

        assertThat(queued).as("everything the send needs is cached").isNotNull();
        var stored = queued.join();
        assertThat(stored.seq()).isEqualTo(2);
        assertThat(stored.senderId()).isEqualTo(pair.bob().userId());
        assertThat(stored.body()).isEqualTo("answered from memory");
        var history = server.client().messagesAfter(pair.alice().token(), pair.conversationId(), 0, null, 10);
        assertThat(history.messages()).extracting(Model.Message::body).containsExactly("first", "answered from memory");
    }

    @Test
    void aConversationNotInTheCachesIsLeftToTheBlockingSendAndNotLoaded() {
        var pair = friendsWhoTalked();
        conversations.membershipChanged(pair.conversationId()); // drops its roster from the cache

        var queued = fromCaches(
                pair.alice().userId(),
                new Target.Conversation(pair.conversationId()),
                "miss-1",
                text("needs the database"));

        assertThat(queued).isNull();
        assertThat(conversations.cached(pair.conversationId()))
                .as("the event loop's send loads nothing")
                .isNull();
        var stored = sending.send(
                        pair.alice().userId(),
                        0,
                        new Target.Conversation(pair.conversationId()),
                        "miss-1",
                        text("needs the database"))
                .join();
        assertThat(stored.seq()).as("nothing was queued by the first try").isEqualTo(2);
    }

    @Test
    void refusesANonMemberFromTheCache() {
        var pair = friendsWhoTalked();
        var carol = server.newUser("carol");

        assertThatThrownBy(() -> fromCaches(
                        carol.userId(),
                        new Target.Conversation(pair.conversationId()),
                        "intruder-1",
                        text("let me in")))
                .isInstanceOf(ConversationRefusals.NotAMember.class);
    }

    @Test
    void aBlockIsHonouredOnceTheBlockingSendHasCachedIt() {
        var pair = friendsWhoTalked();
        server.client().block(pair.bob().token(), pair.alice().userId());
        var target = new Target.Conversation(pair.conversationId());

        assertThat(fromCaches(pair.alice().userId(), target, "blocked-1", text("hello?")))
                .as("the block dropped the pair from the cache")
                .isNull();
        assertThatThrownBy(() -> sending.send(pair.alice().userId(), 0, target, "blocked-1", text("hello?")))
                .isInstanceOf(NotFriends.class);
        assertThatThrownBy(() -> fromCaches(pair.alice().userId(), target, "blocked-2", text("hello?")))
                .as("now cached as blocked")
                .isInstanceOf(NotFriends.class);
    }

    @Test
    void badTextIsRefusedAsTheBlockingSendRefusesIt() {
        var pair = friendsWhoTalked();
        var target = new Target.Conversation(pair.conversationId());
        long bob = pair.bob().userId();

        assertThatThrownBy(() -> fromCaches(bob, target, "blank-1", text("  ")))
                .isInstanceOf(MessageRefusals.EmptyMessage.class);
        assertThatThrownBy(() -> fromCaches(bob, target, "bad id!", text("hi")))
                .isInstanceOf(MessageRefusals.InvalidClientMsgId.class);
        assertThatThrownBy(() -> fromCaches(bob, target, "long-1", text("x".repeat(4001))))
                .isInstanceOf(MessageRefusals.MessageTooLong.class);
    }

    @Test
    void whatNeedsMoreThanTheCachesIsLeftToTheBlockingSend() {
        var pair = friendsWhoTalked();
        var conversation = new Target.Conversation(pair.conversationId());
        long alice = pair.alice().userId();
        var first = pair.first();

        assertThat(fromCaches(alice, new Target.User(pair.bob().userId()), "to-user", text("hi")))
                .as("to a user: the direct conversation may have to be found or opened")
                .isNull();
        assertThat(fromCaches(alice, conversation, "image", new Content.Image("some-media", "")))
                .as("an image")
                .isNull();
        assertThat(sending.sendWithoutBlocking(
                        alice, 0, conversation, "reply", text("re"), new Options(first.id(), null, false)))
                .as("a reply")
                .isNull();
        assertThat(sending.sendWithoutBlocking(
                        alice, 0, conversation, "mention", text("@you"), new Options(null, List.of(1L), false)))
                .as("mentions")
                .isNull();
        // a client id stored lately, which only the log can answer (once the first send has left the in-flight map,
        // which its writer does just after completing it)
        await().until(() -> fromCaches(alice, conversation, "first", text("first")) == null);
        assertThat(sending.send(alice, 0, conversation, "first", text("first")).join())
                .as("the blocking send answers the retry with the stored message")
                .isEqualTo(first);
    }
}
