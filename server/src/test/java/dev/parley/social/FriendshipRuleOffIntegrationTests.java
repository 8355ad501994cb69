package dev.parley.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.ParleyException;
import dev.parley.client.ParleySocket;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@ServerTest
@TestPropertySource(properties = "parley.social.require-friendship-for-direct-messages=false")
class FriendshipRuleOffIntegrationTests {

    @Autowired
    TestServer server;

    @Test
    void withTheRuleOffStrangersMayMessageButABlockStillStopsThem() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        try (var aliceDevice = server.connect(alice);
                var bobDevice = server.connect(bob)) {
            var ack =
                    aliceDevice.socket().request(send("stranger", bob.userId())).join();
            assertThat(ack.path("type").asString()).isEqualTo("ack");
            assertThat(bobDevice
                            .frames()
                            .next("message")
                            .path("message")
                            .path("body")
                            .asString())
                    .isEqualTo("hello");

            server.client().block(bob.token(), alice.userId());

            var blocked = aliceDevice.socket().request(send("blocked", bob.userId()));
            assertThatThrownBy(blocked::join)
                    .cause()
                    .isInstanceOfSatisfying(
                            ParleyException.class, e -> assertThat(e.code()).isEqualTo("not_friends"));
            var fromBlocker = bobDevice.socket().request(send("blocker", alice.userId()));
            assertThatThrownBy(fromBlocker::join)
                    .cause()
                    .isInstanceOfSatisfying(
                            ParleyException.class, e -> assertThat(e.code()).isEqualTo("not_friends"));
        }
    }

    private static tools.jackson.databind.node.ObjectNode send(String clientMsgId, long toUserId) {
        return ParleySocket.frame("send")
                .put("clientMsgId", clientMsgId)
                .put("toUserId", toUserId)
                .put("body", "hello");
    }
}
