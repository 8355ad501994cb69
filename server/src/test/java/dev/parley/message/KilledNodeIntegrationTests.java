package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.client.ParleyClient;
import dev.parley.testing.ChildNode;
import dev.parley.testing.Recorder;
import dev.parley.testing.TestDatabase;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on the embedded database killed with SIGKILL right after acknowledging messages, then started again: every
 * acknowledged message is there, in its place, with what it did to the conversation (its last message, the senders'
 * read cursors), and so is everything else that was committed before (accounts, a friendship, a group). The node runs
 * with H2 writing its pages at most every ten minutes, so that the messages reach the disk only through the writer's
 * journal ({@link MessageJournal}) and everything else only through the writes after each commit
 * ({@link dev.parley.shared.EmbeddedStore}).
 */
class KilledNodeIntegrationTests {

    @TempDir
    Path data;

    @Test
    void everythingAcknowledgedBeforeAKillIsThereAfterTheRestart() throws Exception {
        assumeFalse(TestDatabase.onServer(), "the journal is the embedded database's");
        var node = new ChildNode(
                data,
                "--parley.message.journal.write-delay=10m",
                "--parley.media.sweep-interval=0s"); // a sweep's queries would write the store meanwhile
        var http = HttpClient.newHttpClient();
        var client = new ParleyClient(node.uri(), http);
        String name = "killed" + System.nanoTime();
        var acknowledged = new ArrayList<Model.Message>();
        ChildNode.Friends friends;
        long groupId;

        var process = node.startProcess(http);
        try {
            friends = ChildNode.friends(client, name);
            groupId = client.createGroup(
                            friends.aliceSession().token(),
                            "kept",
                            List.of(friends.bob().id()))
                    .id();
            // Alice sends 100, Bob answers once and goes offline, Alice sends 99 more: the first of them moves Bob's
            // read cursor to his answer. Alice stays online: a disconnect commits a last-seen time, which writes the
            // store; with nobody else online nothing but the writer commits during her last 99 sends.
            var aliceMessenger = new Messenger(client, friends.aliceSession(), new Recorder()).start();
            var first = aliceMessenger
                    .send(new Messenger.Target.User(friends.bob().id()), "before the kill 0")
                    .join();
            acknowledged.add(first);
            acknowledged.addAll(sendAll(aliceMessenger, first.conversationId(), 1, 100));
            try (var bobMessenger = new Messenger(client, friends.bobSession(), new Recorder()).start()) {
                acknowledged.add(
                        bobMessenger.sendTo(first.conversationId(), "an answer").join());
            }
            Thread.sleep(1000); // Bob's last-seen time and Alice's delivered cursor are committed
            acknowledged.addAll(sendAll(aliceMessenger, first.conversationId(), 100, 199));
            assertThat(node.files("parley.journal-"))
                    .as("the writer journals what it stores")
                    .isNotEmpty();
            assertThat(node.files("parley.journal-").stream()
                            .mapToLong(KilledNodeIntegrationTests::size)
                            .sum())
                    .isPositive();
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(messagesInFile())
                .as("H2 had not written the pages of Alice's last messages when the node was killed")
                .isLessThan(150);

        try (var restarted = node.startInProcess()) {
            assertThat(node.files("parley.journal-").stream()
                            .mapToLong(KilledNodeIntegrationTests::size)
                            .sum())
                    .as("a replayed journal starts afresh")
                    .isZero();
            var bobSession = ChildNode.login(client, friends.bob());
            var chat = client.conversations(bobSession.token()).stream()
                    .filter(c -> c.id() == acknowledged.getFirst().conversationId())
                    .findFirst()
                    .orElseThrow();
            assertThat(chat.lastSeq()).isEqualTo(200);
            assertThat(chat.lastMessage().id()).isEqualTo(acknowledged.getLast().id());
            assertThat(chat.unread())
                    .as("Bob read up to his answer when he sent it")
                    .isEqualTo(99);
            var page = client.messagesAfter(bobSession.token(), chat.id(), 0, null, 500);
            assertThat(page.messages()).isEqualTo(acknowledged);
            assertThat(client.group(bobSession.token(), groupId).name()).isEqualTo("kept");

            try (var messenger =
                    new Messenger(client, ChildNode.login(client, friends.alice()), new Recorder()).start()) {
                assertThat(messenger
                                .sendTo(chat.id(), "after the restart")
                                .join()
                                .seq())
                        .isEqualTo(201);
            }
        }
    }

    private static List<Model.Message> sendAll(Messenger messenger, long conversationId, int from, int to) {
        var sends = new ArrayList<CompletableFuture<Model.Message>>();
        for (int i = from; i < to; i++) {
            sends.add(messenger.sendTo(conversationId, "before the kill " + i));
        }
        return sends.stream().map(CompletableFuture::join).toList();
    }

    /** The messages H2's file holds, read without Parley (and so without its journal). */
    private long messagesInFile() throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("parley"), "sa", "");
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT COUNT(*) FROM messages")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
