package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.Model;
import dev.parley.conversation.Conversations;
import dev.parley.testing.Latches;
import dev.parley.testing.Recorder;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who gets each stored message pushed when a membership change reaches the writer in the same batch as the messages
 * around it: the members the conversation had at the message's seq.
 */
@ServerTest
class MessageDeliveryIntegrationTests {

    private static final long PATIENCE_SECONDS = Recorder.PATIENCE.toSeconds();

    @Autowired
    TestServer server;

    @Autowired
    SystemMessages system;

    @Autowired
    MessageSending sending;

    @Autowired
    Conversations conversations;

    /** A group of an owner and a talker, with a third user befriended by the owner but not in it. */
    private record Group(long id, Model.Session owner, Model.Session talker, Model.Session other) {}

    private Group group(boolean otherIsMember) {
        var owner = server.newUser("owner");
        var talker = server.newUser("talker");
        var other = server.newUser("other");
        server.befriend(owner, talker);
        server.befriend(owner, other);
        var members = otherIsMember ? List.of(talker.userId(), other.userId()) : List.of(talker.userId());
        long id = server.client().createGroup(owner.token(), "Batch", members).id();
        return new Group(id, owner, talker, other);
    }

    @Test
    void aMemberAddedInTheSameBatchAsTheMessageBeforeGetsNoPushOfIt() throws Exception {
        var group = group(false);
        try (var newcomer = server.connect(group.other());
                var owner = server.connect(group.owner())) {
            var queued = whileTheLaneIsHeld(group, () -> {
                var before = sendText(group.talker(), group.id(), "before", "before the newcomer joined");
                var added = system.post(
                        group.id(),
                        group.owner().userId(),
                        "members_added",
                        Map.of("userIds", List.of(group.other().userId())),
                        seq -> conversations.joinInTransaction(
                                group.id(), group.other().userId(), Conversations.MEMBER, seq - 1));
                return List.of(before, added);
            });
            long beforeSeq =
                    queued.get(0).get(PATIENCE_SECONDS, TimeUnit.SECONDS).seq();
            long addedSeq =
                    queued.get(1).get(PATIENCE_SECONDS, TimeUnit.SECONDS).seq();
            assertThat(addedSeq).isEqualTo(beforeSeq + 1);

            assertThat(pushedUntil(owner, group.id(), addedSeq))
                    .as("a member of both gets both, in order")
                    .endsWith(beforeSeq, addedSeq);
            assertThat(pushedUntil(newcomer, group.id(), addedSeq))
                    .as("the newcomer's history starts at the message that adds them, and so do their pushes")
                    .containsExactly(addedSeq);
        }
    }

    @Test
    void aMemberRemovedInTheSameBatchAsTheMessageBeforeStillGetsItPushed() throws Exception {
        var group = group(true);
        try (var leaving = server.connect(group.other());
                var staying = server.connect(group.owner())) {
            var queued = whileTheLaneIsHeld(group, () -> {
                var before = sendText(group.talker(), group.id(), "last", "the last one they should see");
                var removed = system.post(
                        group.id(),
                        group.owner().userId(),
                        "member_removed",
                        Map.of("userId", group.other().userId()),
                        seq -> conversations.leaveInTransaction(
                                group.id(), group.other().userId(), seq),
                        group.other().userId());
                var after = sendText(group.talker(), group.id(), "after", "after they left");
                return List.of(before, removed, after);
            });
            var seqs = queued.stream().map(future -> future.join().seq()).toList();

            assertThat(pushedUntil(leaving, group.id(), seqs.get(1)))
                    .as("the last message while a member, then the one that removes them")
                    .endsWith(seqs.get(0), seqs.get(1));
            assertThat(pushedUntil(staying, group.id(), seqs.get(2))).endsWith(seqs.toArray(Long[]::new));
            assertThat(leaving.frames().during("message", Duration.ofMillis(200)))
                    .as("nothing after their removal")
                    .isEmpty();
        }
    }

    /** The seqs of the conversation's messages pushed to the socket, up to the one at {@code seq}. */
    private static List<Long> pushedUntil(Recorder.Socket socket, long conversationId, long seq) {
        var seqs = new ArrayList<Long>();
        while (seqs.isEmpty() || seqs.getLast() != seq) {
            var frame = socket.frames()
                    .next(
                            pushed -> "message".equals(pushed.path("type").asString())
                                    && pushed.path("message")
                                                    .path("conversationId")
                                                    .asLong()
                                            == conversationId,
                            Recorder.PATIENCE);
            assertThat(frame).as("pushes up to seq %d, got %s", seq, seqs).isNotNull();
            seqs.add(frame.path("message").path("seq").asLong());
        }
        return seqs;
    }

    private CompletableFuture<Message> sendText(
            Model.Session from, long conversationId, String clientMsgId, String body) {
        return sending.send(
                from.userId(),
                0,
                new MessageSending.Target.Conversation(conversationId),
                clientMsgId,
                new MessageSending.Content.Text(body));
    }

    @FunctionalInterface
    private interface Queue {
        List<CompletableFuture<Message>> sends() throws Exception;
    }

    /**
     * Holds the group's lane inside a transaction while {@code queue} queues sends behind it, then lets it go: the
     * writer takes everything queued meanwhile as one batch.
     */
    private List<CompletableFuture<Message>> whileTheLaneIsHeld(Group group, Queue queue) throws Exception {
        var inside = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holding = system.post(group.id(), group.owner().userId(), "held", Map.of(), seq -> {
            inside.countDown();
            Latches.awaitQuietly(release, PATIENCE_SECONDS);
        });
        List<CompletableFuture<Message>> queued;
        try {
            assertThat(inside.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
            queued = queue.sends();
        } finally {
            release.countDown();
        }
        holding.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        return queued;
    }
}
