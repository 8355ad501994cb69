package dev.parley.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.Model;
import dev.parley.client.ParleyException;
import dev.parley.client.ParleySocket;
import dev.parley.testing.Recorder;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@ServerTest
class SocialIntegrationTests {

    private static final Duration QUIET = Duration.ofMillis(500);

    @Autowired
    TestServer server;

    @Test
    void acceptedRequestMakesBothFriendsAndEveryStepReachesBothUsersDevices() {
        var alice = server.newAccount("alice");
        var bob = server.newAccount("bob");
        var aliceSession = server.login(alice);
        var bobSession = server.login(bob);
        try (var alicePhone = server.connect(server.login(alice));
                var bobPhone = server.connect(server.login(bob));
                var bobLaptop = server.connect(server.login(bob))) {
            var sent =
                    client().sendFriendRequest(aliceSession.token(), bob.id(), "  Hi Bob, it's Alice from the café ☕ ");

            assertThat(sent.status()).isEqualTo("pending");
            assertThat(sent.greeting()).isEqualTo("Hi Bob, it's Alice from the café ☕");
            assertThat(sent.fromUserId()).isEqualTo(alice.id());
            assertThat(sent.toUserId()).isEqualTo(bob.id());
            for (var device : List.of(bobPhone, bobLaptop)) {
                var received = event(device, "friend_request.received");
                assertThat(received.path("data").path("id").asLong()).isEqualTo(sent.id());
                assertThat(received.path("data").path("greeting").asString()).isEqualTo(sent.greeting());
            }
            assertThat(event(alicePhone, "friend_request.sent")
                            .path("data")
                            .path("id")
                            .asLong())
                    .isEqualTo(sent.id());
            assertThat(client().incomingFriendRequests(bobSession.token()))
                    .extracting(Model.FriendRequest::id)
                    .containsExactly(sent.id());
            assertThat(client().incomingFriendRequestCount(bobSession.token())).isEqualTo(1);
            assertThat(client().outgoingFriendRequests(aliceSession.token()))
                    .extracting(Model.FriendRequest::id)
                    .containsExactly(sent.id());
            assertThat(client().incomingFriendRequests(aliceSession.token())).isEmpty();

            var accepted = client().acceptFriendRequest(bobSession.token(), sent.id());

            assertThat(accepted.status()).isEqualTo("accepted");
            for (var device : List.of(alicePhone, bobPhone, bobLaptop)) {
                assertThat(event(device, "friend_request.accepted")
                                .path("data")
                                .path("id")
                                .asLong())
                        .isEqualTo(sent.id());
            }
            assertThat(client().contacts(aliceSession.token()))
                    .extracting(Model.Contact::userId)
                    .containsExactly(bob.id());
            assertThat(client().contacts(bobSession.token()))
                    .extracting(Model.Contact::userId)
                    .containsExactly(alice.id());
            assertThat(client().incomingFriendRequestCount(bobSession.token())).isZero();
            assertThat(client().incomingFriendRequests(bobSession.token())).isEmpty();
            assertThat(client().outgoingFriendRequests(aliceSession.token())).isEmpty();
            refused(() -> client().sendFriendRequest(bobSession.token(), alice.id(), "again?"), 409, "already_friends");
        }
    }

    @Test
    void twoUsersWhoAskEachOtherBecomeFriends() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        try (var aliceDevice = server.connect(server.login(server.account(alice)))) {
            var first = client().sendFriendRequest(alice.token(), bob.userId(), "hi bob");

            var second = client().sendFriendRequest(bob.token(), alice.userId(), "hi alice");

            assertThat(second.status())
                    .as("the second request accepts the first")
                    .isEqualTo("accepted");
            assertThat(second.id()).isEqualTo(first.id());
            assertThat(event(aliceDevice, "friend_request.accepted")
                            .path("data")
                            .path("id")
                            .asLong())
                    .isEqualTo(first.id());
            assertThat(client().contacts(alice.token()))
                    .extracting(Model.Contact::userId)
                    .containsExactly(bob.userId());
            assertThat(client().contacts(bob.token()))
                    .extracting(Model.Contact::userId)
                    .containsExactly(alice.userId());
            assertThat(client().outgoingFriendRequests(alice.token())).isEmpty();
            assertThat(client().outgoingFriendRequests(bob.token())).isEmpty();
        }
    }

    @Test
    void duplicateRequestIsRefusedAndACancelledOrDeclinedOneMayBeSentAgain() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        try (var aliceDevice = server.connect(server.login(server.account(alice)));
                var bobDevice = server.connect(server.login(server.account(bob)))) {
            var first = client().sendFriendRequest(alice.token(), bob.userId(), "hi");
            refused(() -> client().sendFriendRequest(alice.token(), bob.userId(), "hi again"), 409, "request_pending");
            assertThat(client().incomingFriendRequests(bob.token())).hasSize(1);

            client().cancelFriendRequest(alice.token(), first.id());

            assertThat(event(bobDevice, "friend_request.cancelled")
                            .path("data")
                            .path("id")
                            .asLong())
                    .isEqualTo(first.id());
            assertThat(event(aliceDevice, "friend_request.cancelled")).isNotNull();
            assertThat(client().incomingFriendRequests(bob.token())).isEmpty();
            assertThat(client().outgoingFriendRequests(alice.token())).isEmpty();
            refused(() -> client().cancelFriendRequest(alice.token(), first.id()), 404, "unknown_friend_request");

            var second = client().sendFriendRequest(alice.token(), bob.userId(), "let's try again");
            client().declineFriendRequest(bob.token(), second.id());

            assertThat(event(aliceDevice, "friend_request.declined")
                            .path("data")
                            .path("id")
                            .asLong())
                    .isEqualTo(second.id());
            assertThat(event(bobDevice, "friend_request.declined")).isNotNull();
            assertThat(client().outgoingFriendRequests(alice.token())).isEmpty();
            assertThat(client().contacts(alice.token())).isEmpty();
            refused(() -> client().acceptFriendRequest(bob.token(), second.id()), 404, "unknown_friend_request");

            var third = client().sendFriendRequest(alice.token(), bob.userId(), "third time lucky");
            assertThat(third.status()).isEqualTo("pending");
        }
    }

    @Test
    void requestsToOneselfToUnknownUsersAndWithLongGreetingsAreRefused() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        refused(() -> client().sendFriendRequest(alice.token(), alice.userId(), "me"), 400, "invalid_peer");
        refused(() -> client().sendFriendRequest(alice.token(), 42, "anyone?"), 404, "unknown_user");
        refused(
                () -> client().sendFriendRequest(alice.token(), bob.userId(), "😀".repeat(101)),
                400,
                "greeting_too_long");

        var longest = client().sendFriendRequest(alice.token(), bob.userId(), "😀".repeat(100));
        assertThat(longest.greeting()).isEqualTo("😀".repeat(100));
        assertThat(client().incomingFriendRequests(bob.token()).getFirst().greeting())
                .isEqualTo("😀".repeat(100));
    }

    @Test
    void nobodyCanActOnSomeoneElsesRequest() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        var mallory = server.newUser("mallory");
        var request = client().sendFriendRequest(alice.token(), bob.userId(), "hi");

        for (var stranger : List.of(mallory, alice)) {
            refused(() -> client().acceptFriendRequest(stranger.token(), request.id()), 404, "unknown_friend_request");
            refused(() -> client().declineFriendRequest(stranger.token(), request.id()), 404, "unknown_friend_request");
        }
        for (var stranger : List.of(mallory, bob)) {
            refused(() -> client().cancelFriendRequest(stranger.token(), request.id()), 404, "unknown_friend_request");
        }
        assertThat(client().incomingFriendRequests(mallory.token())).isEmpty();
        assertThat(client().outgoingFriendRequests(mallory.token())).isEmpty();
        assertThat(client().incomingFriendRequests(bob.token()))
                .extracting(Model.FriendRequest::id)
                .containsExactly(request.id());
        assertThat(client().contacts(alice.token())).isEmpty();
    }

    @Test
    void contactsAreSortedByDisplayNameWithChineseNamesInPinyinOrderAmongLatinOnes() throws Exception {
        var owner = server.newUser("owner");
        var names = List.of("张伟", "李娜", "Alice", "bob", "王芳");
        for (var name : names) {
            var friend = server.newUser("c");
            nickname(friend, name);
            server.befriend(owner, friend);
        }
        var noNickname = server.newUser("zz");
        server.befriend(noNickname, owner);
        client().setRemark(owner.token(), noNickname.userId(), "阿强");

        var contacts = client().contacts(owner.token());

        assertThat(contacts)
                .extracting(Model.Contact::displayName)
                .containsExactly("Alice", "阿强", "bob", "李娜", "王芳", "张伟");
        assertThat(contacts).extracting(Model.Contact::initial).containsExactly("A", "A", "B", "L", "W", "Z");
        assertThat(contacts.get(1).remark()).isEqualTo("阿强");
        assertThat(contacts.get(1).username()).isEqualTo(noNickname.username());
        assertThat(contacts.get(0).nickname()).isEqualTo("Alice");
    }

    @Test
    void remarkIsPrivateToItsOwner() throws Exception {
        var friends = server.newFriends("alice", "bob");
        var alice = friends.a();
        var bob = friends.b();
        nickname(bob, "Robert");
        try (var aliceOther = server.connect(server.login(server.account(alice)));
                var bobDevice = server.connect(bob)) {
            var changed = client().setRemark(alice.token(), bob.userId(), " Bobby 🎸 ");

            assertThat(changed.remark()).isEqualTo("Bobby 🎸");
            assertThat(changed.displayName()).isEqualTo("Bobby 🎸");
            var updated = event(aliceOther, "contact.updated");
            assertThat(updated.path("data").path("remark").asString()).isEqualTo("Bobby 🎸");
            assertThat(bobDevice.frames().during("event", QUIET))
                    .as("bob hears nothing")
                    .isEmpty();
            var aliceSeesBob = client().contacts(alice.token()).getFirst();
            assertThat(aliceSeesBob.remark()).isEqualTo("Bobby 🎸");
            assertThat(aliceSeesBob.nickname()).isEqualTo("Robert");
            var bobSeesAlice = client().contacts(bob.token()).getFirst();
            assertThat(bobSeesAlice.remark()).isNull();
            assertThat(bobSeesAlice.displayName()).isEqualTo(alice.username());
        }

        var cleared = client().setRemark(alice.token(), bob.userId(), "");
        assertThat(cleared.remark()).isNull();
        assertThat(cleared.displayName()).isEqualTo("Robert");
        refused(() -> client().setRemark(alice.token(), bob.userId(), "x".repeat(33)), 400, "remark_too_long");
        var stranger = server.newUser("stranger");
        refused(() -> client().setRemark(alice.token(), stranger.userId(), "who?"), 404, "unknown_contact");
    }

    @Test
    void removedFriendLeavesBothContactsBooksAndBothAreTold() {
        var friends = server.newFriends("alice", "bob");
        var alice = friends.a();
        var bob = friends.b();
        try (var aliceDevice = server.connect(alice);
                var bobDevice = server.connect(bob)) {
            client().removeFriend(alice.token(), bob.userId());

            for (var device : List.of(aliceDevice, bobDevice)) {
                var removed = event(device, "friend.removed");
                assertThat(removed.path("data").path("userId").asLong()).isEqualTo(alice.userId());
                assertThat(removed.path("data").path("friendId").asLong()).isEqualTo(bob.userId());
            }
            assertThat(client().contacts(alice.token())).isEmpty();
            assertThat(client().contacts(bob.token())).isEmpty();
            assertThat(sendError(bobDevice, alice.userId())).isEqualTo("not_friends");
        }
        refused(() -> client().removeFriend(alice.token(), bob.userId()), 404, "unknown_contact");
    }

    @Test
    void oneToOneMessagesNeedAFriendship() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        long conversationId = client().direct(alice.token(), bob.userId()).id();
        try (var aliceDevice = server.connect(alice);
                var bobDevice = server.connect(bob)) {
            assertThat(sendError(aliceDevice, bob.userId())).isEqualTo("not_friends");
            var toConversation = aliceDevice
                    .socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "by-conversation")
                            .put("conversationId", conversationId)
                            .put("body", "hello?"));
            assertThatThrownBy(toConversation::join)
                    .cause()
                    .isInstanceOfSatisfying(
                            ParleyException.class, e -> assertThat(e.code()).isEqualTo("not_friends"));
            assertThat(client().conversation(alice.token(), conversationId).lastSeq())
                    .isZero();

            server.befriend(alice, bob);

            var ack = send(aliceDevice, bob.userId(), "hello friend");
            assertThat(ack.path("type").asString()).isEqualTo("ack");
            assertThat(bobDevice
                            .frames()
                            .next("message")
                            .path("message")
                            .path("body")
                            .asString())
                    .isEqualTo("hello friend");
            var reply = bobDevice
                    .socket()
                    .request(ParleySocket.frame("send")
                            .put("clientMsgId", "reply")
                            .put("conversationId", conversationId)
                            .put("body", "hi!"))
                    .join();
            assertThat(reply.path("message").path("seq").asLong()).isEqualTo(2);
        }
    }

    @Test
    void blockedUserCannotRequestOrMessageAndCannotTellTheyWereBlocked() {
        var friends = server.newFriends("alice", "bob");
        var alice = friends.a();
        var bob = friends.b();
        var stranger = server.newUser("stranger");
        try (var aliceDevice = server.connect(alice);
                var bobDevice = server.connect(bob);
                var strangerDevice = server.connect(stranger)) {
            send(aliceDevice, bob.userId(), "are we still friends?");

            client().block(bob.token(), alice.userId());

            var removed = event(aliceDevice, "friend.removed");
            assertThat(removed.path("data").path("userId").asLong())
                    .as("to alice it looks as if bob removed her")
                    .isEqualTo(bob.userId());
            assertThat(client().contacts(alice.token())).isEmpty();
            assertThat(client().contacts(bob.token())).isEmpty();
            assertThat(client().blocks(bob.token()))
                    .extracting(Model.BlockedUser::userId)
                    .containsExactly(alice.userId());
            assertThat(client().blocks(alice.token())).isEmpty();

            var asBlocked = sendRefusal(aliceDevice, bob.userId());
            var asStranger = sendRefusal(strangerDevice, bob.userId());
            assertThat(asBlocked.code()).isEqualTo("not_friends");
            assertThat(asBlocked.getMessage())
                    .as("the same refusal a stranger gets")
                    .isEqualTo(asStranger.getMessage());

            var request = client().sendFriendRequest(alice.token(), bob.userId(), "please?");
            assertThat(request.status())
                    .as("the request seems to wait for an answer")
                    .isEqualTo("pending");
            assertThat(client().outgoingFriendRequests(alice.token()))
                    .extracting(Model.FriendRequest::id)
                    .containsExactly(request.id());
            assertThat(client().incomingFriendRequests(bob.token())).isEmpty();
            assertThat(client().incomingFriendRequestCount(bob.token())).isZero();
            assertThat(bobDevice.frames().during("event", QUIET).stream()
                            .map(e -> e.path("event").asString()))
                    .doesNotContain("friend_request.received");
            refused(() -> client().acceptFriendRequest(bob.token(), request.id()), 404, "unknown_friend_request");

            refused(() -> client().sendFriendRequest(bob.token(), alice.userId(), "hi"), 409, "user_blocked");
            assertThat(sendError(bobDevice, alice.userId())).isEqualTo("not_friends");

            client().unblock(bob.token(), alice.userId());

            assertThat(client().blocks(bob.token())).isEmpty();
            assertThat(client().incomingFriendRequests(bob.token()))
                    .as("after the unblock bob sees the request alice sent meanwhile")
                    .extracting(Model.FriendRequest::id)
                    .containsExactly(request.id());
            client().acceptFriendRequest(bob.token(), request.id());
            assertThat(send(aliceDevice, bob.userId(), "friends again")
                            .path("type")
                            .asString())
                    .isEqualTo("ack");
        }
    }

    @Test
    void blockingDropsPendingRequestsAsADeclineOrCancelWould() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        var carol = server.newUser("carol");
        try (var aliceDevice = server.connect(alice);
                var carolDevice = server.connect(carol)) {
            var fromAlice = client().sendFriendRequest(alice.token(), bob.userId(), "hi bob");
            var toCarol = client().sendFriendRequest(bob.token(), carol.userId(), "hi carol");

            client().block(bob.token(), alice.userId());
            client().block(bob.token(), carol.userId());
            client().block(bob.token(), carol.userId());

            assertThat(event(aliceDevice, "friend_request.declined")
                            .path("data")
                            .path("id")
                            .asLong())
                    .isEqualTo(fromAlice.id());
            assertThat(event(carolDevice, "friend_request.cancelled")
                            .path("data")
                            .path("id")
                            .asLong())
                    .isEqualTo(toCarol.id());
            assertThat(client().outgoingFriendRequests(alice.token())).isEmpty();
            assertThat(client().incomingFriendRequests(carol.token())).isEmpty();
            assertThat(client().outgoingFriendRequests(bob.token())).isEmpty();
            assertThat(client().blocks(bob.token()))
                    .extracting(Model.BlockedUser::userId)
                    .containsExactlyInAnyOrder(alice.userId(), carol.userId());
        }
        refused(() -> client().block(alice.token(), alice.userId()), 400, "invalid_peer");
        refused(() -> client().block(alice.token(), 42), 404, "unknown_user");
    }

    @Test
    void profileChangeReachesFriendsDevicesAndNobodyElse() throws Exception {
        var friends = server.newFriends("alice", "bob");
        var stranger = server.newUser("stranger");
        try (var bobDevice = server.connect(friends.b());
                var strangerDevice = server.connect(stranger)) {
            nickname(friends.a(), "Alice in Wonderland");

            var updated = event(bobDevice, "profile.updated");
            assertThat(updated.path("data").path("userId").asLong())
                    .isEqualTo(friends.a().userId());
            assertThat(updated.path("data").path("nickname").asString()).isEqualTo("Alice in Wonderland");
            assertThat(strangerDevice.frames().during("event", QUIET)).isEmpty();
        }
        assertThat(client().contacts(friends.b().token()).getFirst().displayName())
                .isEqualTo("Alice in Wonderland");
    }

    private dev.parley.client.ParleyClient client() {
        return server.client();
    }

    private static JsonNode event(Recorder.Socket device, String name) {
        var frame = device.frames()
                .next(
                        f -> "event".equals(f.path("type").asString())
                                && name.equals(f.path("event").asString()),
                        Recorder.PATIENCE);
        assertThat(frame).as("event " + name).isNotNull();
        return frame;
    }

    private static JsonNode send(Recorder.Socket device, long toUserId, String body) {
        return device.socket()
                .request(ParleySocket.frame("send")
                        .put("clientMsgId", "m" + System.nanoTime())
                        .put("toUserId", toUserId)
                        .put("body", body))
                .join();
    }

    private static ParleyException sendRefusal(Recorder.Socket device, long toUserId) {
        try {
            send(device, toUserId, "hello?");
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof ParleyException refusal) {
                return refusal;
            }
            throw e;
        }
        throw new AssertionError("the send was not refused");
    }

    private static String sendError(Recorder.Socket device, long toUserId) {
        return sendRefusal(device, toUserId).code();
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ParleyException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
        });
    }

    private void nickname(Model.Session session, String nickname) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/profile"))
                .header("Authorization", "Bearer " + session.token())
                .header("Content-Type", "application/json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                "{\"nickname\":\"" + nickname + "\"}", StandardCharsets.UTF_8))
                .build();
        var response = server.http().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
