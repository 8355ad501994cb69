package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.client.ParleyException;
import dev.parley.client.ParleySocket;
import dev.parley.testing.Recorder;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@ServerTest
class MessagingIntegrationTests {

    @Autowired
    TestServer server;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void messageToOnlineUserReachesBothOfTheirDevicesAndTheSendersOtherConnections() {
        var alice = server.newAccount("alice");
        var bob = server.newAccount("bob");
        server.befriend(alice, bob);
        var aliceSending = server.login(alice);
        try (var aliceOther = server.connect(server.login(alice));
                var bobPhone = server.connect(server.login(bob));
                var bobDesktop = server.connect(server.login(bob));
                var sending = server.connect(aliceSending);
                var sameDeviceOtherTab = server.connect(aliceSending)) {

            var ack = sending.socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "m1")
                            .put("toUserId", bob.id())
                            .put("body", "hello bob"))
                    .join();

            var stored = ack.get("message");
            assertThat(ack.path("type").asString()).isEqualTo("ack");
            assertThat(stored.path("seq").asLong()).isEqualTo(1);
            assertThat(stored.path("senderId").asLong()).isEqualTo(alice.id());
            for (var device : List.of(bobPhone, bobDesktop, aliceOther, sameDeviceOtherTab)) {
                var push = device.frames().next("message");
                assertThat(push).as("push").isNotNull();
                assertThat(push.get("message")).isEqualTo(stored);
            }
            assertThat(sending.frames().during("message", Duration.ofMillis(300)))
                    .as("the sending device has the ack and needs no push")
                    .isEmpty();
        }
    }

    @Test
    void offlineUserFindsUnreadCountsAndMissedMessagesAfterLogin() {
        var alice = server.newUser("alice");
        var carol = server.newUser("carol");
        var bob = server.newAccount("bob");
        server.befriend(server.account(alice), bob);
        server.befriend(server.account(carol), bob);
        try (var fromAlice = server.messenger(alice);
                var fromCarol = server.messenger(carol)) {
            for (int i = 1; i <= 3; i++) {
                fromAlice
                        .messenger()
                        .send(new Messenger.Target.User(bob.id()), "from alice " + i)
                        .join();
            }
            fromCarol
                    .messenger()
                    .send(new Messenger.Target.User(bob.id()), "from carol")
                    .join();
        }

        var bobSession = server.login(bob);
        var list = server.client().conversations(bobSession.token());

        assertThat(list).hasSize(2);
        assertThat(list.getFirst().peerId()).as("latest activity first").isEqualTo(carol.userId());
        assertThat(list)
                .extracting(Model.Conversation::peerId, Model.Conversation::unread)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(carol.userId(), 1L),
                        org.assertj.core.groups.Tuple.tuple(alice.userId(), 3L));
        assertThat(list.get(1).lastMessage().preview()).isEqualTo("from alice 3");

        try (var bobDevice = server.messenger(bobSession)) {
            var fromAlice = bobDevice.awaitMessages(list.get(1).id(), 3);
            assertThat(fromAlice)
                    .extracting(Model.Message::body)
                    .containsExactly("from alice 1", "from alice 2", "from alice 3");
            bobDevice.messenger().markRead(list.get(1).id(), 3);
        }
        var afterReading =
                server.client().conversation(bobSession.token(), list.get(1).id());
        assertThat(afterReading.unread()).isZero();
        assertThat(afterReading.readSeq()).isEqualTo(3);
    }

    @Test
    void retriedSendIsStoredOnceAndGetsTheSameAcknowledgement() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        server.befriend(alice, bob);
        var send = ParleySocket.frame("send")
                .put("clientMsgId", "retry-1")
                .put("toUserId", bob.userId())
                .put("body", "only once");
        try (var first = server.connect(alice);
                var retry = server.connect(server.login(server.account(alice)))) {
            var firstAck = first.socket().request(send.deepCopy()).join();
            var sameConnection = first.socket().request(send.deepCopy()).join();
            var otherConnection = retry.socket().request(send.deepCopy()).join();

            assertThat(sameConnection.get("message")).isEqualTo(firstAck.get("message"));
            assertThat(otherConnection.get("message")).isEqualTo(firstAck.get("message"));
        }
        var conversationId =
                server.client().conversations(bob.token()).getFirst().id();
        var log = server.client().messagesAfter(bob.token(), conversationId, 0, null, 100);
        assertThat(log.messages()).extracting(Model.Message::body).containsExactly("only once");
    }

    @Test
    void concurrentRetriesOfOneSendStoreItOnce() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        server.befriend(alice, bob);
        try (var socket = server.connect(alice)) {
            var acks = IntStream.range(0, 20)
                    .mapToObj(i -> socket.socket()
                            .request(ParleySocket.frame("send")
                                    .put("clientMsgId", "burst")
                                    .put("toUserId", bob.userId())
                                    .put("body", "burst")))
                    .toList();
            var ids = acks.stream()
                    .map(CompletableFuture::join)
                    .map(ack -> ack.get("message").path("id").asLong())
                    .distinct()
                    .toList();
            assertThat(ids).hasSize(1);
        }
        assertThat(server.client().conversations(bob.token()).getFirst().lastSeq())
                .isEqualTo(1);
    }

    @Test
    void sendsMadeOfflineAreStoredInTheOrderTheyWereMade() {
        var friends = server.newFriends("alice", "bob");
        try (var sender = server.messenger(friends.a())) {
            long conversationId = sender.messenger()
                    .send(new Messenger.Target.User(friends.b().userId()), "online")
                    .join()
                    .conversationId();

            sender.messenger().pause(); // typed on the train
            var sent = new ArrayList<CompletableFuture<Model.Message>>();
            for (int i = 0; i < 30; i++) {
                sent.add(sender.messenger().sendTo(conversationId, "offline " + i));
            }
            sender.messenger().resume();

            var stored = sent.stream().map(CompletableFuture::join).toList();
            assertThat(stored)
                    .extracting(Model.Message::seq)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(2, 31).mapToObj(i -> (long) i).toList());
            assertThat(stored)
                    .extracting(Model.Message::body)
                    .containsExactlyElementsOf(
                            IntStream.range(0, 30).mapToObj(i -> "offline " + i).toList());
        }
    }

    @Test
    void clientThatMissedPushesRecoversEveryMessageBySyncWithNoGapAndNoDuplicate() throws Exception {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        server.befriend(alice, bob);
        int total = 300;
        try (var sender = server.messenger(alice);
                var receiver = server.messenger(bob)) {
            var first = sender.messenger()
                    .send(new Messenger.Target.User(bob.userId()), "m0")
                    .join();
            long conversationId = first.conversationId();
            receiver.awaitMessages(conversationId, 1);

            var sent = new ArrayList<CompletableFuture<Model.Message>>();
            for (int i = 1; i < total; i++) {
                sent.add(sender.messenger().sendTo(conversationId, "m" + i));
                if (i % 60 == 0) {
                    receiver.messenger().dropConnection(); // pushes in flight are lost
                }
                if (i == 150) {
                    receiver.messenger().pause(); // offline for a while
                } else if (i == 200) {
                    receiver.messenger().resume();
                }
            }
            sent.forEach(CompletableFuture::join);

            var received = receiver.awaitMessages(conversationId, total);
            Thread.sleep(300); // anything extra (a duplicate) would arrive now
            assertThat(receiver.in(conversationId)).hasSize(total);
            assertThat(received)
                    .extracting(Model.Message::seq)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, total)
                            .mapToObj(i -> (long) i)
                            .toList());
            assertThat(received)
                    .extracting(Model.Message::body)
                    .containsExactlyElementsOf(
                            IntStream.range(0, total).mapToObj(i -> "m" + i).toList());
        }
    }

    @Test
    void concurrentSendersShareOneGapFreeOrder() {
        var alice = server.newAccount("alice");
        var bob = server.newUser("bob");
        server.befriend(alice, server.account(bob));
        long conversationId = server.client().direct(bob.token(), alice.id()).id();
        try (var alicePhone = server.messenger(server.login(alice));
                var aliceDesktop = server.messenger(server.login(alice));
                var bobDevice = server.messenger(bob)) {
            var sends = new ArrayList<CompletableFuture<Model.Message>>();
            for (int i = 0; i < 50; i++) {
                sends.add(alicePhone.messenger().sendTo(conversationId, "phone " + i));
                sends.add(aliceDesktop.messenger().sendTo(conversationId, "desktop " + i));
                sends.add(bobDevice.messenger().sendTo(conversationId, "bob " + i));
            }
            var seqs = sends.stream()
                    .map(CompletableFuture::join)
                    .map(Model.Message::seq)
                    .sorted()
                    .toList();
            assertThat(seqs)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 150)
                            .mapToObj(i -> (long) i)
                            .toList());

            var expected = alicePhone.awaitMessages(conversationId, 150);
            assertThat(aliceDesktop.awaitMessages(conversationId, 150)).isEqualTo(expected);
            assertThat(bobDevice.awaitMessages(conversationId, 150)).isEqualTo(expected);
            assertThat(expected.stream()
                            .filter(m -> m.body().startsWith("phone"))
                            .map(Model.Message::body))
                    .as("one device's messages keep the order it sent them in")
                    .containsExactlyElementsOf(
                            IntStream.range(0, 50).mapToObj(i -> "phone " + i).toList());
        }
    }

    @Test
    void userCannotReadOrPostToAConversationTheyAreNotIn() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        var mallory = server.newUser("mallory");
        long conversationId =
                server.client().direct(alice.token(), bob.userId()).id();

        assertThatThrownBy(() -> server.client().messagesAfter(mallory.token(), conversationId, 0, null, 10))
                .isInstanceOfSatisfying(ParleyException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("not_a_member");
                });
        assertThatThrownBy(() -> server.client().conversation(mallory.token(), conversationId))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("not_a_member"));
        assertThatThrownBy(() -> server.client().markRead(mallory.token(), conversationId, 1))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("not_a_member"));
        try (var socket = server.connect(mallory)) {
            var refused = socket.socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "intrude")
                            .put("conversationId", conversationId)
                            .put("body", "let me in"));
            assertThatThrownBy(refused::join)
                    .hasCauseInstanceOf(ParleyException.class)
                    .cause()
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("not_a_member"));
            var unknown = socket.socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "nowhere")
                            .put("conversationId", 42)
                            .put("body", "hello?"));
            assertThatThrownBy(unknown::join)
                    .cause()
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("unknown_conversation"));
            var nobody = socket.socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "nobody")
                            .put("toUserId", 42)
                            .put("body", "hello?"));
            assertThatThrownBy(nobody::join)
                    .cause()
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("unknown_user"));
        }
        assertThat(server.client().conversation(alice.token(), conversationId).lastSeq())
                .isZero();
    }

    @Test
    void longMessageWithEmojiArrivesIntactAndALongerOneIsRefused() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        server.befriend(alice, bob);
        var body = "👋🏽 héllo 世界 " + "😀".repeat(3985) + " ok";
        assertThat(body.codePointCount(0, body.length())).isEqualTo(4000);
        try (var sender = server.connect(alice);
                var receiver = server.connect(bob)) {
            var ack = sender.socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "long")
                            .put("toUserId", bob.userId())
                            .put("body", body))
                    .join();
            assertThat(ack.get("message").path("body").asString()).isEqualTo(body);
            assertThat(receiver.frames()
                            .next("message")
                            .get("message")
                            .path("body")
                            .asString())
                    .isEqualTo(body);

            var tooLong = sender.socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "longer")
                            .put("toUserId", bob.userId())
                            .put("body", body + "!"));
            assertThatThrownBy(tooLong::join)
                    .cause()
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("message_too_long"));
        }
        var conversationId =
                server.client().conversations(bob.token()).getFirst().id();
        var stored = server.client()
                .messagesAfter(bob.token(), conversationId, 0, null, 10)
                .messages();
        assertThat(stored).extracting(Model.Message::body).containsExactly(body);
    }

    @Test
    void emptyMessagesAndMessagesToOneselfAreRefused() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        try (var socket = server.connect(alice)) {
            var empty = socket.socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "empty")
                            .put("toUserId", bob.userId())
                            .put("body", "   "));
            assertThatThrownBy(empty::join)
                    .cause()
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("empty_message"));
            var self = socket.socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "self")
                            .put("toUserId", alice.userId())
                            .put("body", "me"));
            assertThatThrownBy(self::join)
                    .cause()
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("invalid_peer"));
            var nul = socket.socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "nul")
                            .put("toUserId", bob.userId())
                            .put("body", "nothing\u0000here"));
            assertThatThrownBy(nul::join)
                    .cause()
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("invalid_text"));
            var badId = socket.socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "has spaces")
                            .put("toUserId", bob.userId())
                            .put("body", "hi"));
            assertThatThrownBy(badId::join)
                    .cause()
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("invalid_client_msg_id"));
        }
    }

    @Test
    void readAndDeliveredReceiptsReachTheOtherUserAndReadReceiptsTheReadersOtherDevices() {
        var alice = server.newUser("alice");
        var bob = server.newAccount("bob");
        server.befriend(server.account(alice), bob);
        var bobPhone = server.login(bob);
        try (var aliceSocket = server.connect(alice);
                var bobSocket = server.connect(bobPhone);
                var bobOther = server.connect(server.login(bob))) {
            var ack = aliceSocket
                    .socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "r1")
                            .put("toUserId", bob.id())
                            .put("body", "did you get this?"))
                    .join();
            long conversationId = ack.get("message").path("conversationId").asLong();

            bobSocket
                    .socket()
                    .request(ParleySocket.frame("delivered")
                            .put("conversationId", conversationId)
                            .put("seq", 1))
                    .join();
            var delivered = aliceSocket.frames().next("receipt");
            assertThat(delivered.path("cursor").asString()).isEqualTo("delivered");
            assertThat(delivered.path("userId").asLong()).isEqualTo(bob.id());
            assertThat(delivered.path("seq").asLong()).isEqualTo(1);
            assertThat(bobOther.frames().during("receipt", Duration.ofMillis(300)))
                    .as("Bob's own delivered cursor is of no use to his devices")
                    .isEmpty();

            server.client().markRead(bobPhone.token(), conversationId, 99);
            var read = aliceSocket
                    .frames()
                    .next(f -> "read".equals(f.path("cursor").asString()), Recorder.PATIENCE);
            assertThat(read.path("seq").asLong())
                    .as("never past the last message")
                    .isEqualTo(1);
            var onOtherDevice =
                    bobOther.frames().next(f -> "read".equals(f.path("cursor").asString()), Recorder.PATIENCE);
            assertThat(onOtherDevice).isNotNull();

            var backwards = server.client().markRead(bobPhone.token(), conversationId, 0);
            assertThat(backwards.seq()).as("the read cursor never moves back").isEqualTo(1);
            var summary = server.client().conversation(alice.token(), conversationId);
            assertThat(summary.peerReadSeq()).isEqualTo(1);
            assertThat(summary.peerDeliveredSeq()).isEqualTo(1);
        }
    }

    @Test
    void aCursorFrameNeverMovesACursorBackNorPastTheLastMessageAndItsDoneSaysWhereTheCursorStands() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        server.befriend(alice, bob);
        try (var aliceSocket = server.connect(alice);
                var bobSocket = server.connect(bob)) {
            long conversationId = 0;
            for (int i = 1; i <= 3; i++) {
                conversationId = aliceSocket
                        .ack(ParleySocket.frame("send")
                                .put("clientMsgId", "m" + i)
                                .put("toUserId", bob.userId())
                                .put("body", "message " + i))
                        .path("conversationId")
                        .asLong();
            }

            assertThat(cursorFrame(bobSocket, "delivered", conversationId, 3)).isEqualTo(3);
            assertThat(aliceSocket.frames().next("receipt").path("seq").asLong())
                    .isEqualTo(3);
            assertThat(cursorFrame(bobSocket, "delivered", conversationId, 2))
                    .as("a frame behind the cursor leaves it where it stands")
                    .isEqualTo(3);
            assertThat(cursorFrame(bobSocket, "delivered", conversationId, 3))
                    .as("so does a repeated one")
                    .isEqualTo(3);
            assertThat(aliceSocket.frames().during("receipt", Duration.ofMillis(300)))
                    .as("a cursor that did not move is news to nobody")
                    .isEmpty();
            assertThat(cursorFrame(bobSocket, "read", conversationId, 99))
                    .as("never past the last message")
                    .isEqualTo(3);
            assertThat(cursorFrame(aliceSocket, "read", conversationId, 1))
                    .as("the last sender has read up to their own message")
                    .isEqualTo(3);
            assertThat(cursorFrame(bobSocket, "read", 424242, 1))
                    .as("an unknown conversation is refused, not stored")
                    .isEqualTo(-1);
        }
    }

    /** The cursor a {@code delivered} or {@code read} frame's {@code done} says, or -1 if it was refused. */
    private static long cursorFrame(Recorder.Socket socket, String type, long conversationId, long seq) {
        var done = socket.socket()
                .request(ParleySocket.frame(type)
                        .put("conversationId", conversationId)
                        .put("seq", seq));
        try {
            return done.join().path("seq").asLong();
        } catch (CompletionException refused) {
            assertThat(refused.getCause()).isInstanceOf(ParleyException.class);
            return -1;
        }
    }

    @Test
    void aConnectionsSendIsNotHeldUpByACursorFrameThatCannotBeStoredYet() throws Exception {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        server.befriend(alice, bob);
        try (var aliceSocket = server.connect(alice);
                var bobSocket = server.connect(bob);
                var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long conversationId = aliceSocket
                    .ack(ParleySocket.frame("send")
                            .put("clientMsgId", "c1")
                            .put("toUserId", bob.userId())
                            .put("body", "hi Bob"))
                    .path("conversationId")
                    .asLong();
            // another transaction holds Bob's cursors' row, so no cursor of his can be stored until it ends
            var locked = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            var holder = threads.submit(() -> transactions.executeWithoutResult(status -> {
                jdbc.sql("SELECT read_seq FROM member_cursors WHERE conversation_id = ? AND user_id = ? FOR UPDATE")
                        .params(conversationId, bob.userId())
                        .query(Long.class)
                        .single();
                locked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS))
                    .as("the row is locked")
                    .isTrue();
            CompletableFuture<JsonNode> done;
            try {
                done = bobSocket
                        .socket()
                        .request(ParleySocket.frame("read")
                                .put("conversationId", conversationId)
                                .put("seq", 1));
                var reply = bobSocket
                        .socket()
                        .request(ParleySocket.frame("send")
                                .put("clientMsgId", "c2")
                                .put("conversationId", conversationId)
                                .put("body", "hi Alice"));
                assertThat(reply.get(10, TimeUnit.SECONDS)
                                .path("message")
                                .path("seq")
                                .asLong())
                        .as("the send after the read frame is stored while the read waits")
                        .isEqualTo(2);
                assertThat(done).isNotDone();
            } finally {
                release.countDown(); // never leave the row locked, whatever failed
            }
            holder.get();
            assertThat(done.get(20, TimeUnit.SECONDS).path("seq").asLong()).isEqualTo(1);
        }
    }

    @Test
    void historyPagesBackwardsAndForwards() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        server.befriend(alice, bob);
        long conversationId;
        try (var sender = server.messenger(alice)) {
            conversationId = sender.messenger()
                    .send(new Messenger.Target.User(bob.userId()), "1")
                    .join()
                    .conversationId();
            for (int i = 2; i <= 25; i++) {
                sender.messenger().sendTo(conversationId, Integer.toString(i));
            }
            await().until(() ->
                    server.client().conversation(alice.token(), conversationId).lastSeq() == 25);
        }
        var newest = server.client().messagesBefore(bob.token(), conversationId, null, 10);
        assertThat(newest.messages())
                .extracting(Model.Message::seq)
                .containsExactly(16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L, 25L);
        assertThat(newest.hasMore()).isTrue();
        var older = server.client().messagesBefore(bob.token(), conversationId, 16L, 10);
        assertThat(older.messages())
                .extracting(Model.Message::seq)
                .startsWith(6L)
                .endsWith(15L);
        var oldest = server.client().messagesBefore(bob.token(), conversationId, 6L, 10);
        assertThat(oldest.messages()).extracting(Model.Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(oldest.hasMore()).isFalse();
        var gap = server.client().messagesAfter(bob.token(), conversationId, 3, 7L, 100);
        assertThat(gap.messages()).extracting(Model.Message::seq).containsExactly(4L, 5L, 6L);
        assertThat(gap.hasMore()).isFalse();
    }
}
