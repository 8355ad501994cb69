package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.Model;
import dev.parley.testing.Latches;
import dev.parley.testing.Recorder;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The writer's lanes: each conversation keeps one gap-free order while the lanes commit side by side. */
@ServerTest
@TestPropertySource(properties = "parley.message.writers=4") // the default runs one lane
class MessageWriterLanesIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long PATIENCE_SECONDS = Recorder.PATIENCE.toSeconds();

    @Autowired
    TestServer server;

    @Autowired
    MessageSettings settings;

    @Autowired
    SystemMessages system;

    @Autowired
    MessageSending sending;

    @BeforeEach
    void severalLanes() {
        assertThat(settings.writers())
                .as("this test's configuration runs several lanes")
                .isGreaterThan(1);
    }

    @Test
    void aLaneHeldInsideItsTransactionHoldsUpOnlyItsOwnConversations() throws Exception {
        var alice = server.newUser("alice");
        long held = direct(alice, server.newUser("held"));
        long elsewhere;
        do {
            elsewhere = direct(alice, server.newUser("elsewhere"));
        } while (lane(elsewhere) == lane(held));

        var inside = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holding = system.post(held, alice.userId(), "held", Map.of(), seq -> {
            inside.countDown();
            Latches.awaitQuietly(release, PATIENCE_SECONDS);
        });
        CompletableFuture<Message> behind;
        CompletableFuture<Message> meanwhile;
        try {
            assertThat(inside.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
            behind = sending.send(
                    alice.userId(),
                    0,
                    new MessageSending.Target.Conversation(held),
                    "behind",
                    new MessageSending.Content.Text("queued behind the held transaction"));
            meanwhile = sending.send(
                    alice.userId(),
                    0,
                    new MessageSending.Target.Conversation(elsewhere),
                    "meanwhile",
                    new MessageSending.Content.Text("stored in another lane"));

            assertThat(meanwhile.get(PATIENCE_SECONDS, TimeUnit.SECONDS).seq())
                    .as("another lane stores and commits while the first one is held")
                    .isEqualTo(1);
            assertThat(holding).isNotDone();
            assertThat(behind)
                    .as("a send to the held conversation waits in its lane, behind what is held")
                    .isNotDone();
        } finally {
            release.countDown();
        }
        assertThat(holding.get(PATIENCE_SECONDS, TimeUnit.SECONDS).seq()).isEqualTo(1);
        assertThat(behind.get(PATIENCE_SECONDS, TimeUnit.SECONDS).seq()).isEqualTo(2);
    }

    /** A direct conversation of alice's with a peer. */
    private record Chat(long id, Model.Session peer) {}

    @Test
    void concurrentSendsToConversationsInEveryLaneAreEachStoredOnceInGapFreeOrder() {
        var alice = server.newUser("alice");
        var chats = new ArrayList<Chat>();
        var perLane = new int[settings.writers()];
        while (IntStream.of(perLane).min().orElseThrow() < 2) {
            assertThat(chats).as("conversations opened to cover every lane").hasSizeLessThan(60);
            var peer = server.newUser("peer");
            var chat = new Chat(direct(alice, peer), peer);
            chats.add(chat);
            perLane[lane(chat.id())]++;
        }
        int each = 25;
        var sent = new ArrayList<CompletableFuture<Model.Message>>();
        var peerDevices = new ArrayList<Recorder>();
        try (var aliceDevice = server.messenger(alice)) {
            chats.forEach(chat -> peerDevices.add(server.messenger(chat.peer())));
            for (int i = 0; i < each; i++) {
                for (int c = 0; c < chats.size(); c++) {
                    long id = chats.get(c).id();
                    sent.add(aliceDevice.messenger().sendTo(id, "alice " + i));
                    sent.add(peerDevices.get(c).messenger().sendTo(id, "peer " + i));
                }
            }
            sent.forEach(CompletableFuture::join);
        } finally {
            peerDevices.forEach(Recorder::close);
        }

        for (var chat : chats) {
            var log = server.client()
                    .messagesAfter(alice.token(), chat.id(), 0, null, 500)
                    .messages();
            assertThat(log).extracting(Model.Message::seq).containsExactlyElementsOf(seqs(1, 2 * each));
            assertThat(bodiesFrom(log, alice.userId()))
                    .as("alice's messages, once each and in the order she sent them")
                    .containsExactlyElementsOf(numbered("alice", each));
            assertThat(bodiesFrom(log, chat.peer().userId()))
                    .as("the peer's messages, once each and in the order they were sent")
                    .containsExactlyElementsOf(numbered("peer", each));
        }
        assertThat(sent)
                .extracting(CompletableFuture::join)
                .extracting(Model.Message::id)
                .doesNotHaveDuplicates();
    }

    @Test
    void membershipChangesInGroupsOnEveryLaneCommitInOrderWithTheMessagesAroundThem() throws Exception {
        var owner = server.newUser("owner");
        var talker = server.newUser("talker");
        server.befriend(owner, talker);
        var newcomers = new ArrayList<Model.Session>();
        for (int i = 0; i < 5; i++) {
            var newcomer = server.newUser("newcomer");
            server.befriend(owner, newcomer);
            newcomers.add(newcomer);
        }
        var groups = new ArrayList<Long>();
        var lanesCovered = new boolean[settings.writers()];
        while (!allTrue(lanesCovered)) {
            assertThat(groups).as("groups opened to cover every lane").hasSizeLessThan(40);
            long id = server.client()
                    .createGroup(owner.token(), "Lane " + groups.size(), List.of(talker.userId()))
                    .id();
            groups.add(id);
            lanesCovered[lane(id)] = true;
        }

        int messages = 20;
        var sent = new ArrayList<CompletableFuture<Model.Message>>();
        try (var talking = server.messenger(talker);
                var adding = Executors.newVirtualThreadPerTaskExecutor()) {
            var added = new ArrayList<CompletableFuture<?>>();
            for (long group : groups) {
                added.add(CompletableFuture.runAsync(
                        () -> newcomers.forEach(newcomer ->
                                server.client().addMembers(owner.token(), group, List.of(newcomer.userId()))),
                        adding));
            }
            for (int i = 0; i < messages; i++) {
                for (long group : groups) {
                    sent.add(talking.messenger().sendTo(group, "talk " + i));
                }
            }
            added.forEach(CompletableFuture::join);
            sent.forEach(CompletableFuture::join);
        }

        for (long group : groups) {
            var log = server.client()
                    .messagesAfter(owner.token(), group, 0, null, 500)
                    .messages();
            assertThat(log)
                    .extracting(Model.Message::seq)
                    .containsExactlyElementsOf(seqs(1, 1 + newcomers.size() + messages));
            assertThat(bodiesFrom(log, talker.userId())).containsExactlyElementsOf(numbered("talk", messages));
            assertThat(server.client().group(owner.token(), group).members()).hasSize(2 + newcomers.size());
            for (var newcomer : newcomers) {
                var seen = server.client()
                        .messagesAfter(newcomer.token(), group, 0, null, 500)
                        .messages();
                var first = JSON.readTree(seen.getFirst().body());
                assertThat(first.path("event").asString())
                        .as("a newcomer's history starts at the message that adds them")
                        .isEqualTo("members_added");
                assertThat(first.path("userIds").get(0).asLong()).isEqualTo(newcomer.userId());
                assertThat(seen.getLast().seq()).isEqualTo(log.getLast().seq());
            }
        }
    }

    @Test
    void aSendWhoseTransactionLostALockIsTriedOnceMore() {
        var alice = server.newUser("alice");
        long chat = direct(alice, server.newUser("bob"));
        var attempts = new AtomicInteger();
        var stored = system.post(chat, alice.userId(), "contended", Map.of(), seq -> {
            if (attempts.incrementAndGet() == 1) {
                throw new CannotAcquireLockException("deadlock with another lane");
            }
        });
        assertThat(stored.join().seq()).isEqualTo(1);

        var losing = new AtomicInteger();
        var refused = system.post(chat, alice.userId(), "contended", Map.of(), seq -> {
            losing.incrementAndGet();
            throw new CannotAcquireLockException("deadlock with another lane");
        });
        assertThat(refused)
                .failsWithin(Recorder.PATIENCE)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(MessageRefusals.NotStored.class);
        assertThat(losing).as("tried once more, then given up").hasValue(2);
    }

    private long direct(Model.Session user, Model.Session peer) {
        server.befriend(user, peer);
        return server.client().direct(user.token(), peer.userId()).id();
    }

    private int lane(long conversationId) {
        return MessageWriter.lane(conversationId, settings.writers());
    }

    private static List<String> bodiesFrom(List<Model.Message> log, long senderId) {
        return log.stream()
                .filter(message -> message.senderId() == senderId)
                .map(Model.Message::body)
                .toList();
    }

    private static List<Long> seqs(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + " " + i).toList();
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean flag : flags) {
            if (!flag) {
                return false;
            }
        }
        return true;
    }
}
