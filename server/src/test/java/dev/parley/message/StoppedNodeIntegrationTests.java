package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.client.ParleyClient;
import dev.parley.testing.ChildNode;
import dev.parley.testing.Recorder;
import dev.parley.testing.TestDatabase;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on the embedded database stopped with SIGTERM (what a service manager or {@code docker stop} sends) while a
 * user sends: it shuts down in order, the database last. Everything acknowledged is stored once, in order, the users
 * still online are recorded as last seen, the writer's journal is emptied into the database, and the log shows no
 * failure.
 */
class StoppedNodeIntegrationTests {

    private static final int SENDS = 3000;

    @TempDir
    Path data;

    @Test
    void aNodeStoppedWhileUsersSendShutsDownCleanly() throws Exception {
        assumeFalse(TestDatabase.onServer(), "the embedded database's shutdown");
        var node = new ChildNode(data);
        var http = HttpClient.newHttpClient();
        var client = new ParleyClient(node.uri(), http);
        String name = "stopped" + System.nanoTime();
        var sends = new ArrayList<CompletableFuture<Model.Message>>();
        ChildNode.Friends friends;
        long stoppedAt;

        var process = node.startProcess(http);
        try {
            friends = ChildNode.friends(client, name);
            var bobMessenger = new Messenger(client, friends.bobSession(), new Recorder()).start();
            var aliceMessenger = new Messenger(client, friends.aliceSession(), new Recorder()).start();
            long conversationId = aliceMessenger
                    .send(new Messenger.Target.User(friends.bob().id()), "before the stop")
                    .join()
                    .conversationId();
            for (int i = 0; i < SENDS; i++) {
                sends.add(aliceMessenger.sendTo(conversationId, "while stopping " + i));
            }
            sends.get(SENDS / 10).join(); // the writer is busy
            stoppedAt = System.currentTimeMillis();
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("the node stops")
                    .isTrue();
            aliceMessenger.close();
            bobMessenger.close();
        } finally {
            process.destroyForcibly();
        }
        var log = Files.readString(node.log());
        assertThat(log).as("the node's log").doesNotContain("Exception", "ERROR", "could not be stored");
        assertThat(node.files("parley.trace.db")).as("H2 logged no failure").isEmpty();
        assertThat(node.files("parley.journal-"))
                .as("the writer wrote the store before the database closed")
                .allSatisfy(journal -> assertThat(journal).isEmptyFile());

        var acknowledged = sends.stream()
                .filter(send -> send.state() == Future.State.SUCCESS) // the rest wait for the node to come back
                .map(CompletableFuture::resultNow)
                .collect(Collectors.toMap(Model.Message::id, Function.identity()));
        assertThat(acknowledged).hasSizeGreaterThan(SENDS / 10);
        try (var restarted = node.startInProcess()) {
            var aliceSession = ChildNode.login(client, friends.alice());
            var chat = client.conversations(aliceSession.token()).getFirst();
            var stored = history(client, aliceSession.token(), chat.id());
            assertThat(stored)
                    .extracting(Model.Message::seq)
                    .as("in order, none twice, none skipped")
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, stored.size()).boxed().toList());
            assertThat(stored).extracting(Model.Message::body).doesNotHaveDuplicates();
            assertThat(stored).as("every acknowledged message").containsAll(acknowledged.values());
            var bobPresence = client.presence(
                            aliceSession.token(), List.of(friends.bob().id()))
                    .getFirst();
            assertThat(bobPresence.lastSeenAt())
                    .as("Bob was online when the node stopped")
                    .isNotNull()
                    .isGreaterThanOrEqualTo(stoppedAt);
        }
    }

    /** Every message of the conversation, page by page. */
    private static List<Model.Message> history(ParleyClient client, String token, long conversationId) {
        var messages = new ArrayList<Model.Message>();
        Model.Page page;
        do {
            long after = messages.isEmpty() ? 0 : messages.getLast().seq();
            page = client.messagesAfter(token, conversationId, after, null, 500);
            messages.addAll(page.messages());
        } while (page.hasMore());
        return messages;
    }
}
