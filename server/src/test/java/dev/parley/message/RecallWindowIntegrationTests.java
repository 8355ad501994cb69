package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.ParleyException;
import dev.parley.client.ParleySocket;
import dev.parley.testing.Recorder;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@ServerTest
@TestPropertySource(properties = "parley.message.recall-window=1s")
class RecallWindowIntegrationTests {

    @Autowired
    TestServer server;

    @Test
    void aMessageCanBeRecalledOnlyWithinTheWindow() throws Exception {
        var friends = server.newFriends("alice", "bob");
        try (var alice = server.connect(friends.a())) {
            var early = send(alice, "w1", friends.b().userId());
            var late = send(alice, "w2", friends.b().userId());

            assertThat(server.client().recall(friends.a().token(), early).kind())
                    .isEqualTo("system");
            Thread.sleep(1_300);
            assertThatThrownBy(() -> server.client().recall(friends.a().token(), late))
                    .isInstanceOfSatisfying(
                            ParleyException.class, e -> assertThat(e.code()).isEqualTo("recall_not_allowed"));
            var messages = server.client()
                    .messagesAfter(
                            friends.b().token(),
                            server.client()
                                    .conversations(friends.b().token())
                                    .getFirst()
                                    .id(),
                            0,
                            null,
                            10)
                    .messages();
            assertThat(messages).extracting(m -> m.kind()).containsExactly("recalled", "text", "system");
        }
    }

    private static long send(Recorder.Socket socket, String clientMsgId, long to) {
        return socket.ack(ParleySocket.frame("send")
                        .put("clientMsgId", clientMsgId)
                        .put("toUserId", to)
                        .put("body", "message " + clientMsgId))
                .path("id")
                .asLong();
    }
}
