package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.ParleyApplication;
import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.client.ParleyClient;
import dev.parley.testing.Recorder;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A node on the embedded database killed with SIGKILL right after acknowledging messages, then started again: every
 * acknowledged message is there, in its place, with what it did to the conversation (its last message, the senders'
 * read cursors), and so is everything else that was committed before (accounts, a friendship, a group). The node runs
 * with H2 writing its pages at most every ten minutes, so that the messages reach the disk only through the writer's
 * journal ({@link MessageJournal}) and everything else only through the writes after each commit
 * ({@link dev.parley.shared.EmbeddedStore}).
 */
class KilledNodeIntegrationTests {

    private static final String PASSWORD = "killed node passphrase";

    @TempDir
    Path data;

    @Test
    void everythingAcknowledgedBeforeAKillIsThereAfterTheRestart() throws Exception {
        assumeFalse(TestDatabase.onServer(), "the journal is the embedded database's");
        int port = freePort();
        var http = HttpClient.newHttpClient();
        var client = new ParleyClient(URI.create("http://localhost:" + port), http);
        String name = "killed" + System.nanoTime();
        var acknowledged = new ArrayList<Model.Message>();
        Model.Account alice;
        Model.Account bob;
        long groupId;

        var node = startProcess(port);
        try {
            awaitHealthy(http, port, node);
            alice = client.register(name + "a", PASSWORD);
            bob = client.register(name + "b", PASSWORD);
            var aliceSession = login(client, alice);
            var bobSession = login(client, bob);
            TestServer.befriend(client, aliceSession, bobSession);
            groupId = client.createGroup(aliceSession.token(), "kept", List.of(bob.id()))
                    .id();
            // Alice sends 100, Bob answers once and goes offline, Alice sends 99 more: the first of them moves Bob's
            // read cursor to his answer. Alice stays online: a disconnect commits a last-seen time, which writes the
            // store; with nobody else online nothing but the writer commits during her last 99 sends.
            var aliceMessenger = new Messenger(client, aliceSession, new Recorder()).start();
            var first = aliceMessenger
                    .send(new Messenger.Target.User(bob.id()), "before the kill 0")
                    .join();
            acknowledged.add(first);
            acknowledged.addAll(sendAll(aliceMessenger, first.conversationId(), 1, 100));
            try (var bobMessenger = new Messenger(client, bobSession, new Recorder()).start()) {
                acknowledged.add(
                        bobMessenger.sendTo(first.conversationId(), "an answer").join());
            }
            Thread.sleep(1000); // Bob's last-seen time and Alice's delivered cursor are committed
            acknowledged.addAll(sendAll(aliceMessenger, first.conversationId(), 100, 199));
            assertThat(journals()).as("the writer journals what it stores").isNotEmpty();
            assertThat(journals().stream()
                            .mapToLong(KilledNodeIntegrationTests::size)
                            .sum())
                    .isPositive();
        } finally {
            node.destroyForcibly();
            node.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(messagesInFile())
                .as("H2 had not written the pages of Alice's last messages when the node was killed")
                .isLessThan(150);

        try (var restarted = startInProcess(port)) {
            assertThat(journals().stream()
                            .mapToLong(KilledNodeIntegrationTests::size)
                            .sum())
                    .as("a replayed journal starts afresh")
                    .isZero();
            var bobSession = login(client, bob);
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

            try (var messenger = new Messenger(client, login(client, alice), new Recorder()).start()) {
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

    private String url() {
        return "jdbc:h2:file:" + data.resolve("parley") + ";WRITE_DELAY=0;CACHE_SIZE=4096";
    }

    private List<String> arguments(int port) {
        return List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + url(),
                "--parley.message.journal.write-delay=10m",
                "--parley.media.sweep-interval=0s", // a sweep's queries would write the store meanwhile
                "--parley.account.argon2-memory-kib=1024",
                "--parley.account.argon2-iterations=1");
    }

    private Process startProcess(int port) throws IOException {
        var command = new ArrayList<String>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                ParleyApplication.class.getName()));
        command.addAll(arguments(port));
        return new ProcessBuilder(command)
                .directory(data.toFile())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("node.log").toFile())
                .start();
    }

    private org.springframework.context.ConfigurableApplicationContext startInProcess(int port) {
        return new SpringApplicationBuilder(ParleyApplication.class)
                .run(arguments(port).toArray(String[]::new));
    }

    private void awaitHealthy(HttpClient http, int port, Process node) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(node.isAlive())
                    .as("the node is running (%s)", data.resolve("node.log"))
                    .isTrue();
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the node did not start; see " + data.resolve("node.log"));
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

    private List<Path> journals() throws IOException {
        try (var files = Files.list(data)) {
            return files.filter(f -> f.getFileName().toString().startsWith("parley.journal-"))
                    .toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Model.Session login(ParleyClient client, Model.Account account) {
        return client.login(account.username(), PASSWORD, "killed node test");
    }
}
