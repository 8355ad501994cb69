package dev.parley.presence;

import static org.assertj.core.api.Assertions.assertThat;

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
import tools.jackson.databind.JsonNode;

@ServerTest
class TypingAndPresenceIntegrationTests {

    @Autowired
    TestServer server;

    @Test
    void typingReachesTheOtherMembersAtMostOnceEveryTwoSeconds() {
        var owner = server.newUser("owner");
        var bob = server.newUser("bob");
        var carol = server.newUser("carol");
        server.befriend(owner, bob);
        server.befriend(owner, carol);
        long id = client().createGroup(owner.token(), "Typists", List.of(bob.userId(), carol.userId()))
                .id();
        try (var ownerSocket = server.connect(owner);
                var ownerOtherDevice = server.connect(server.login(server.account(owner)));
                var bobSocket = server.connect(bob);
                var carolSocket = server.connect(carol)) {
            ownerSocket
                    .socket()
                    .send(ParleySocket.frame("typing").put("conversationId", id))
                    .join();
            ownerSocket
                    .socket()
                    .send(ParleySocket.frame("typing").put("conversationId", id))
                    .join();

            for (var device : List.of(bobSocket, carolSocket)) {
                var typing = device.frames().next("typing");
                assertThat(typing.path("conversationId").asLong()).isEqualTo(id);
                assertThat(typing.path("userId").asLong()).isEqualTo(owner.userId());
                assertThat(device.frames().during("typing", Duration.ofMillis(500)))
                        .as("the second frame within the interval is dropped")
                        .isEmpty();
            }
            assertThat(ownerOtherDevice.frames().during("typing", Duration.ofMillis(200)))
                    .isEmpty();

            try (var outsider = server.connect(server.newUser("eve"))) {
                assertThat(outsider.refusal(ParleySocket.frame("typing").put("conversationId", id)))
                        .isEqualTo("not_a_member");
                assertThat(outsider.refusal(ParleySocket.frame("typing").put("conversationId", 424242)))
                        .isEqualTo("unknown_conversation");
            }
        }
    }

    @Test
    void friendsAndGroupMembersHearWhoComesOnlineAndGoesWithLastSeenUnlessHidden() throws Exception {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        var member = server.newUser("member");
        var stranger = server.newUser("stranger");
        server.befriend(alice, bob);
        server.befriend(bob, member);
        client().createGroup(bob.token(), "Bob's group", List.of(member.userId()));
        try (var aliceSocket = server.connect(alice);
                var memberSocket = server.connect(member);
                var strangerSocket = server.connect(stranger)) {
            var bobSocket = server.connect(bob);
            for (var watcher : List.of(aliceSocket, memberSocket)) {
                var online = presence(watcher, bob.userId());
                assertThat(online.path("online").asBoolean()).isTrue();
                assertThat(online.has("lastSeenAt")).isFalse();
            }
            assertThat(client().presence(alice.token(), List.of(bob.userId())))
                    .containsExactly(new Model.Presence(bob.userId(), true, null));

            bobSocket.close();
            var offline = presence(aliceSocket, bob.userId());
            assertThat(offline.path("online").asBoolean()).isFalse();
            assertThat(offline.path("lastSeenAt").asLong()).isPositive();
            assertThat(client().presence(alice.token(), List.of(bob.userId()))
                            .getFirst()
                            .lastSeenAt())
                    .isEqualTo(offline.path("lastSeenAt").asLong());

            client().hideLastSeen(bob.token(), true);
            server.connect(bob).close();
            presence(aliceSocket, bob.userId());
            var hidden = presence(aliceSocket, bob.userId());
            assertThat(hidden.path("online").asBoolean()).isFalse();
            assertThat(hidden.has("lastSeenAt")).isFalse();
            assertThat(client().presence(alice.token(), List.of(bob.userId()))
                            .getFirst()
                            .lastSeenAt())
                    .isNull();

            assertThat(strangerSocket.frames().during("event", Duration.ofMillis(300)))
                    .isEmpty();
            assertThat(client().presence(stranger.token(), List.of(bob.userId(), alice.userId())))
                    .isEmpty();
        }
    }

    private static JsonNode presence(Recorder.Socket watcher, long userId) {
        var event = watcher.frames()
                .next(
                        f -> "presence".equals(f.path("event").asString())
                                && f.path("data").path("userId").asLong() == userId,
                        Recorder.PATIENCE);
        assertThat(event).as("presence event").isNotNull();
        return event.path("data");
    }

    private ParleyClient client() {
        return server.client();
    }
}
