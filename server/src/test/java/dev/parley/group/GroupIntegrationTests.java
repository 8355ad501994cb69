package dev.parley.group;

import static dev.parley.testing.TestServer.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleySocket;
import dev.parley.testing.Recorder;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ServerTest
class GroupIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TestServer server;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyRoleMayDoWhatItShouldAndIsRefusedTheRest() {
        var owner = server.newUser("owner");
        var admin = server.newUser("admin");
        var member = server.newUser("member");
        var other = server.newUser("other");
        var later = server.newUser("later");
        for (var friend : List.of(admin, member, other, later)) {
            server.befriend(owner, friend);
        }
        server.befriend(admin, later);
        var group = client().createGroup(
                        owner.token(), "  Hiking club ", List.of(admin.userId(), member.userId(), other.userId()));
        long id = group.id();

        assertThat(group.name()).isEqualTo("Hiking club");
        assertThat(group.ownerId()).isEqualTo(owner.userId());
        assertThat(roles(group))
                .containsExactly(
                        role(owner, "owner"), role(admin, "member"), role(member, "member"), role(other, "member"));
        assertThat(client().conversation(member.token(), id).kind()).isEqualTo("group");
        assertThat(client().conversation(member.token(), id).title()).isEqualTo("Hiking club");

        refused("not_allowed", () -> client().setAdmin(member.token(), id, admin.userId(), true));
        group = client().setAdmin(owner.token(), id, admin.userId(), true);
        assertThat(roles(group)).contains(role(admin, "admin"));

        // a member manages nothing
        refused("not_allowed", () -> client().updateGroup(member.token(), id, java.util.Map.of("name", "Mine")));
        refused("not_allowed", () -> client().addMembers(member.token(), id, List.of(later.userId())));
        refused("not_allowed", () -> client().removeMember(member.token(), id, other.userId()));
        refused("not_allowed", () -> client().createInvite(member.token(), id, null));
        refused("not_allowed", () -> client().dissolveGroup(member.token(), id));

        // an admin renames, announces, adds friends and removes members, but not admins; no ownership business
        group = client().updateGroup(
                        admin.token(),
                        id,
                        java.util.Map.of("name", "Hikers", "announcement", "Sunday 8am at the station"));
        assertThat(group.name()).isEqualTo("Hikers");
        assertThat(group.announcement()).isEqualTo("Sunday 8am at the station");
        refused(
                "not_friends",
                () -> client().addMembers(
                                admin.token(),
                                id,
                                List.of(server.newUser("stranger").userId())));
        group = client().addMembers(admin.token(), id, List.of(later.userId()));
        assertThat(roles(group)).contains(role(later, "member"));
        client().removeMember(admin.token(), id, other.userId());
        client().setAdmin(owner.token(), id, member.userId(), true);
        refused("not_allowed", () -> client().removeMember(admin.token(), id, member.userId()));
        refused("not_allowed", () -> client().setAdmin(admin.token(), id, later.userId(), true));
        refused("not_allowed", () -> client().transferGroup(admin.token(), id, admin.userId()));
        refused("not_allowed", () -> client().dissolveGroup(admin.token(), id));

        // the owner cannot leave but can hand over; anyone else may leave
        refused("owner_cannot_leave", () -> client().leaveGroup(owner.token(), id));
        group = client().transferGroup(owner.token(), id, admin.userId());
        assertThat(group.ownerId()).isEqualTo(admin.userId());
        assertThat(roles(group)).contains(role(owner, "admin"), role(admin, "owner"));
        client().leaveGroup(later.token(), id);
        refused("unknown_group", () -> client().group(later.token(), id));
        refused("unknown_group", () -> client().group(other.token(), id));

        client().dissolveGroup(admin.token(), id);
        refused("unknown_group", () -> client().group(owner.token(), id));
        refused(
                "not_a_member",
                () -> client().messagesAfter(server.newUser("nobody").token(), id, 0, null, 10));
        assertThat(client().conversation(member.token(), id).active()).isFalse();

        var events = client().messagesAfter(owner.token(), id, 0, null, 100).messages().stream()
                .map(message -> event(message).path("event").asString())
                .toList();
        assertThat(events)
                .containsExactly(
                        "created",
                        "admin_added",
                        "updated",
                        "members_added",
                        "member_removed",
                        "admin_added",
                        "owner_changed",
                        "member_left",
                        "dissolved");
    }

    @Test
    void groupMessagesReachEveryMembersDevicesAndStopAtOnceForARemovedMember() throws Exception {
        try (var family = connectedFamily()) {
            long id = family.id();
            var first = send(family.ownerSocket(), id, "g1", "dinner at 7");
            for (var device : List.of(family.bobPhone(), family.bobLaptop(), family.carolPhone())) {
                assertThat(device.frames().next("message").get("message")).isEqualTo(first);
            }

            client().removeMember(family.owner().token(), id, family.carol().userId());

            var removal = family.carolPhone().frames().next("message").get("message");
            assertThat(removal.path("kind").asString()).isEqualTo("system");
            assertThat(event(removal).path("event").asString()).isEqualTo("member_removed");
            send(family.ownerSocket(), id, "g2", "carol cannot see this");
            assertThat(family.bobPhone()
                            .frames()
                            .next(
                                    f -> "g2"
                                            .equals(f.path("message")
                                                    .path("clientMsgId")
                                                    .asString()),
                                    Recorder.PATIENCE))
                    .isNotNull();
            assertThat(family.carolPhone().frames().during("message", Duration.ofMillis(500)))
                    .isEmpty();
            var carolView = client().messagesAfter(family.carol().token(), id, 0, null, 100)
                    .messages();
            assertThat(carolView)
                    .extracting(Model.Message::seq)
                    .last()
                    .isEqualTo(removal.path("seq").asLong());
            assertThat(client().conversation(family.carol().token(), id).active())
                    .isFalse();
            assertThat(family.carolPhone()
                            .refusal(ParleySocket.frame("send")
                                    .put("clientMsgId", "c1")
                                    .put("conversationId", id)
                                    .put("body", "hi")))
                    .isEqualTo("not_a_member");
        }
    }

    @Test
    void inAGroupOnlyTheReadersOwnDevicesHearOfTheirReadCursorAndNobodyOfADeliveredOne() {
        try (var family = connectedFamily()) {
            long id = family.id();
            long seq = send(family.ownerSocket(), id, "g1", "dinner at 7")
                    .path("seq")
                    .asLong();
            family.bobPhone()
                    .socket()
                    .request(ParleySocket.frame("delivered")
                            .put("conversationId", id)
                            .put("seq", seq))
                    .join();
            var done = family.bobPhone()
                    .socket()
                    .request(
                            ParleySocket.frame("read").put("conversationId", id).put("seq", seq))
                    .join();
            assertThat(done.path("seq").asLong()).isEqualTo(seq);

            var onLaptop = family.bobLaptop().frames().next("receipt");
            assertThat(onLaptop.path("cursor").asString()).isEqualTo("read");
            assertThat(onLaptop.path("seq").asLong()).isEqualTo(seq);
            for (var other : List.of(family.ownerSocket(), family.carolPhone())) {
                assertThat(other.frames().during("receipt", Duration.ofMillis(300)))
                        .as(
                                "a receipt to every member for every member's cursor would grow with the square of the group")
                        .isEmpty();
            }
            assertThat(family.bobLaptop().frames().during("receipt", Duration.ofMillis(300)))
                    .as("nothing more: not Bob's delivered cursor")
                    .isEmpty();
            assertThat(client().reads(family.owner().token(), id, seq).readBy())
                    .as("the cursor is stored; who read a message is asked for")
                    .containsExactly(family.bob().userId());
        }
    }

    @Test
    void theMessengerAnswersADirectMessageWithDeliveredButNotAGroupMessage() {
        var ann = server.newUser("ann");
        var ben = server.newUser("ben");
        server.befriend(ann, ben);
        long id = client().createGroup(ann.token(), "Quiet club", List.of(ben.userId()))
                .id();
        long before = deliveredCursor(id, ben.userId());
        try (var annMessenger = server.messenger(ann);
                var benMessenger = server.messenger(ben)) {
            annMessenger.messenger().sendTo(id, "for the club").join();
            long direct = annMessenger
                    .messenger()
                    .send(new Messenger.Target.User(ben.userId()), "for Ben")
                    .join()
                    .conversationId();
            benMessenger.awaitMessages(direct, 1);
            await().until(() -> client().conversation(ann.token(), direct).peerDeliveredSeq() == 1);
            assertThat(deliveredCursor(id, ben.userId()))
                    .as("nobody hears of a group member's delivered cursor, so the messenger does not send it")
                    .isEqualTo(before);
        }
    }

    /**
     * The owner's group "Family" with Bob and Carol, the owner's friends, each connected: the owner and Carol on one
     * device, Bob on two.
     */
    private record Family(
            long id,
            Model.Session owner,
            Model.Session bob,
            Model.Session carol,
            Recorder.Socket ownerSocket,
            Recorder.Socket bobPhone,
            Recorder.Socket bobLaptop,
            Recorder.Socket carolPhone)
            implements AutoCloseable {

        @Override
        public void close() {
            for (var socket : List.of(ownerSocket, bobPhone, bobLaptop, carolPhone)) {
                socket.close();
            }
        }
    }

    private Family connectedFamily() {
        var owner = server.newUser("owner");
        var bob = server.newUser("bob");
        var carol = server.newUser("carol");
        server.befriend(owner, bob);
        server.befriend(owner, carol);
        long id = client().createGroup(owner.token(), "Family", List.of(bob.userId(), carol.userId()))
                .id();
        return new Family(
                id,
                owner,
                bob,
                carol,
                server.connect(owner),
                server.connect(server.login(server.account(bob))),
                server.connect(server.login(server.account(bob))),
                server.connect(carol));
    }

    private long deliveredCursor(long conversationId, long userId) {
        return jdbc.sql("SELECT delivered_seq FROM member_cursors WHERE conversation_id = ? AND user_id = ?")
                .params(conversationId, userId)
                .query(Long.class)
                .single();
    }

    @Test
    void aNewMembersHistoryStartsAtTheMessageThatSaysTheyJoined() {
        var owner = server.newUser("owner");
        var bob = server.newUser("bob");
        var dave = server.newUser("dave");
        server.befriend(owner, bob);
        server.befriend(owner, dave);
        long id = client().createGroup(owner.token(), "Book club", List.of(bob.userId()))
                .id();
        try (var ownerSocket = server.connect(owner)) {
            send(ownerSocket, id, "b1", "before dave");
            send(ownerSocket, id, "b2", "still before dave");
            client().addMembers(owner.token(), id, List.of(dave.userId()));
            send(ownerSocket, id, "b3", "welcome dave");
        }

        var daves = client().messagesAfter(dave.token(), id, 0, null, 100).messages();
        assertThat(daves).extracting(Model.Message::kind).containsExactly("system", "text");
        assertThat(event(daves.getFirst()).path("event").asString()).isEqualTo("members_added");
        assertThat(daves.getLast().body()).isEqualTo("welcome dave");
        assertThat(client().messagesBefore(dave.token(), id, null, 100).messages())
                .hasSize(2);
        var summary = client().conversation(dave.token(), id);
        assertThat(summary.clearedSeq()).isEqualTo(daves.getFirst().seq() - 1);
        assertThat(summary.unread()).isEqualTo(2);
        assertThat(client().messagesAfter(bob.token(), id, 0, null, 100).messages())
                .hasSize(5);
    }

    @Test
    void inviteLinksLetAnyoneJoinUntilTheyExpireOrAreRevoked() throws Exception {
        var owner = server.newUser("owner");
        var stranger = server.newUser("stranger");
        var late = server.newUser("late");
        var revokedGuest = server.newUser("revoked");
        long id = client().createGroup(owner.token(), "Open group", List.of()).id();

        var invite = client().createInvite(owner.token(), id, null);
        assertThat(invite.link()).endsWith("/join/" + invite.token());
        assertThat(invite.expiresAt() - invite.createdAt())
                .isEqualTo(Duration.ofDays(7).toMillis());
        var qr = client().bytes("/api/groups/" + id + "/invites/" + invite.token() + "/qr.png", owner.token());
        assertThat(client().decodeQr(owner.token(), qr, "qr.png", "image/png").text())
                .isEqualTo(invite.link());
        var preview = client().invitePreview(stranger.token(), invite.token());
        assertThat(preview.name()).isEqualTo("Open group");
        assertThat(preview.memberCount()).isEqualTo(1);

        var joined = client().joinByInvite(stranger.token(), invite.token());
        assertThat(roles(joined)).contains(role(stranger, "member"));
        assertThat(client().joinByInvite(stranger.token(), invite.token()).members())
                .hasSize(2);
        var history = client().messagesAfter(stranger.token(), id, 0, null, 10).messages();
        assertThat(history).hasSize(1);
        assertThat(event(history.getFirst()).path("event").asString()).isEqualTo("member_joined");

        var shortLived = client().createInvite(owner.token(), id, 1L);
        var revoked = client().createInvite(owner.token(), id, null);
        assertThat(client().invites(owner.token(), id))
                .extracting(Model.Invite::token)
                .contains(revoked.token());
        client().revokeInvite(owner.token(), id, revoked.token());
        assertThat(client().invites(owner.token(), id))
                .extracting(Model.Invite::token)
                .doesNotContain(revoked.token());
        refused("invite_revoked", () -> client().joinByInvite(revokedGuest.token(), revoked.token()));
        Thread.sleep(1200);
        refused("invite_expired", () -> client().joinByInvite(late.token(), shortLived.token()));
        refused("invite_expired", () -> client().invitePreview(late.token(), shortLived.token()));
        refused("unknown_invite", () -> client().joinByInvite(late.token(), "nosuchinvite1234"));
        refused(
                "invalid_group",
                () -> client().createInvite(
                                owner.token(), id, Duration.ofDays(31).toSeconds()));
        refused("not_allowed", () -> client().createInvite(stranger.token(), id, null));
        assertThat(client().group(owner.token(), id).members()).hasSize(2);
    }

    @Test
    void badGroupRequestsAreRefusedClearly() {
        var owner = server.newUser("owner");
        var friend = server.newUser("friend");
        var stranger = server.newUser("stranger");
        server.befriend(owner, friend);

        refused("invalid_group", () -> client().createGroup(owner.token(), "   ", List.of(friend.userId())));
        refused("invalid_group", () -> client().createGroup(owner.token(), "x".repeat(65), List.of()));
        refused(
                "not_friends",
                () -> client().createGroup(owner.token(), "Mixed", List.of(friend.userId(), stranger.userId())));
        long id = client().createGroup(owner.token(), "Pair", List.of(friend.userId()))
                .id();
        refused("unknown_group", () -> client().group(stranger.token(), id));
        refused("unknown_group", () -> client().group(owner.token(), 123456789L));
        refused("unknown_group", () -> client().addMembers(stranger.token(), id, List.of(owner.userId())));
        refused("unknown_member", () -> client().removeMember(owner.token(), id, stranger.userId()));
        refused("unknown_member", () -> client().transferGroup(owner.token(), id, stranger.userId()));
    }

    private static JsonNode send(Recorder.Socket socket, long conversationId, String clientMsgId, String body) {
        return socket.ack(ParleySocket.frame("send")
                .put("clientMsgId", clientMsgId)
                .put("conversationId", conversationId)
                .put("body", body));
    }

    static JsonNode event(Model.Message message) {
        assertThat(message.kind()).isEqualTo("system");
        return JSON.readTree(message.body());
    }

    static JsonNode event(JsonNode message) {
        return JSON.readTree(message.path("body").asString());
    }

    private static List<Model.GroupMember> roles(Model.Group group) {
        return group.members();
    }

    private static Model.GroupMember role(Model.Session user, String role) {
        return new Model.GroupMember(user.userId(), role);
    }

    private ParleyClient client() {
        return server.client();
    }
}
