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

    @Test
    void aTextToAConversationInTheCachesIsStoredInOrder() {
        var pair = friendsWhoTalked();

        var queued = sending.sendWithoutBlocking(
                pair.bob().userId(),
                0,
                new Target.Conversation(pair.conversationId()),
                "fast-1",
                text("answered from memory"),
                Options.NONE);

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

        var queued = sending.sendWithoutBlocking(
                pair.alice().userId(),
                0,
                new Target.Conversation(pair.conversationId()),
                "miss-1",
                text("needs the database"),
                Options.NONE);

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

        assertThatThrownBy(() -> sending.sendWithoutBlocking(
                        carol.userId(),
                        0,
                        new Target.Conversation(pair.conversationId()),
                        "intruder-1",
                        text("let me in"),
                        Options.NONE))
                .isInstanceOf(ConversationRefusals.NotAMember.class);
    }

    @Test
    void aBlockIsHonouredOnceTheBlockingSendHasCachedIt() {
        var pair = friendsWhoTalked();
        server.client().block(pair.bob().token(), pair.alice().userId());
        var target = new Target.Conversation(pair.conversationId());

        assertThat(sending.sendWithoutBlocking(
                        pair.alice().userId(), 0, target, "blocked-1", text("hello?"), Options.NONE))
                .as("the block dropped the pair from the cache")
                .isNull();
        assertThatThrownBy(() -> sending.send(pair.alice().userId(), 0, target, "blocked-1", text("hello?")))
                .isInstanceOf(NotFriends.class);
        assertThatThrownBy(() -> sending.sendWithoutBlocking(
                        pair.alice().userId(), 0, target, "blocked-2", text("hello?"), Options.NONE))
                .as("now cached as blocked")
                .isInstanceOf(NotFriends.class);
    }

    @Test
    void badTextIsRefusedAsTheBlockingSendRefusesIt() {
        var pair = friendsWhoTalked();
        var target = new Target.Conversation(pair.conversationId());
        long bob = pair.bob().userId();

        assertThatThrownBy(() -> sending.sendWithoutBlocking(bob, 0, target, "blank-1", text("  "), Options.NONE))
                .isInstanceOf(MessageRefusals.EmptyMessage.class);
        assertThatThrownBy(() -> sending.sendWithoutBlocking(bob, 0, target, "bad id!", text("hi"), Options.NONE))
                .isInstanceOf(MessageRefusals.InvalidClientMsgId.class);
        assertThatThrownBy(() ->
                        sending.sendWithoutBlocking(bob, 0, target, "long-1", text("x".repeat(4001)), Options.NONE))
                .isInstanceOf(MessageRefusals.MessageTooLong.class);
    }

    @Test
    void whatNeedsMoreThanTheCachesIsLeftToTheBlockingSend() {
        var pair = friendsWhoTalked();
        var conversation = new Target.Conversation(pair.conversationId());
        long alice = pair.alice().userId();
        var first = pair.first();

        assertThat(sending.sendWithoutBlocking(
                        alice, 0, new Target.User(pair.bob().userId()), "to-user", text("hi"), Options.NONE))
                .as("to a user: the direct conversation may have to be found or opened")
                .isNull();
        assertThat(sending.sendWithoutBlocking(
                        alice, 0, conversation, "image", new Content.Image("some-media", ""), Options.NONE))
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
        await().until(() ->
                sending.sendWithoutBlocking(alice, 0, conversation, "first", text("first"), Options.NONE) == null);
        assertThat(sending.send(alice, 0, conversation, "first", text("first")).join())
                .as("the blocking send answers the retry with the stored message")
                .isEqualTo(first);
    }
}
