package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyApplication;
import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleySocket;
import dev.parley.testing.Recorder;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

class RestartIntegrationTests {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start(int port) {
        var arguments = new ArrayList<String>(List.of(
                "--server.port=" + port,
                "--parley.account.argon2-memory-kib=1024",
                "--parley.account.argon2-iterations=1"));
        if (!TestDatabase.onServer()) {
            arguments.add("--spring.datasource.url=jdbc:h2:file:" + data.resolve("parley") + ";WRITE_DELAY=0");
        }
        return new SpringApplicationBuilder(ParleyApplication.class).run(arguments.toArray(String[]::new));
    }

    @Test
    void acknowledgedMessagesSurviveAServerRestart() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var http = HttpClient.newHttpClient();
        var client = new ParleyClient(URI.create("http://localhost:" + port), http);
        String name = "restart" + System.nanoTime();
        Model.Session alice;
        Model.Account bob;
        List<Model.Message> acknowledged = new ArrayList<>();
        ParleySocket watcher;

        try (var server = start(port)) {
            alice = login(client, client.register(name + "a", "restart passphrase"));
            bob = client.register(name + "b", "restart passphrase");
            var bobFirst = login(client, bob);
            TestServer.befriend(client, alice, bobFirst);
            client.logout(bobFirst.token());
            var recorder = new Recorder();
            try (var messenger = new Messenger(client, alice, recorder).start()) {
                var sends = new ArrayList<CompletableFuture<Model.Message>>();
                sends.add(messenger.send(new Messenger.Target.User(bob.id()), "before restart 0"));
                long conversationId = sends.getFirst().join().conversationId();
                for (int i = 1; i < 100; i++) {
                    sends.add(messenger.sendTo(conversationId, "before restart " + i));
                }
                sends.forEach(send -> acknowledged.add(send.join()));
            }
            watcher = ParleySocket.connect(
                    http, client.webSocketUri(), login(client, bob).token(), frame -> {});
        }
        assertThat(watcher.closed().get(10, TimeUnit.SECONDS).code())
                .as("a server that shuts down tells its clients it is going away")
                .isEqualTo(1001);
        if (!TestDatabase.onServer()) {
            assertThat(Files.list(data)).isNotEmpty();
        }

        try (var server = start(port)) {
            var bobSession = login(client, bob);
            assertThat(client.presence(bobSession.token(), List.of(bob.id()))
                            .getFirst()
                            .lastSeenAt())
                    .as("a user still connected when the node stopped was last seen then")
                    .isNotNull();
            var conversation = client.conversations(bobSession.token()).getFirst();
            assertThat(conversation.unread()).isEqualTo(100);
            var page = client.messagesAfter(bobSession.token(), conversation.id(), 0, null, 500);
            assertThat(page.messages()).isEqualTo(acknowledged);

            var recorder = new Recorder();
            try (var messenger = new Messenger(client, login(client, alice.username()), recorder).start()) {
                var after = messenger.sendTo(conversation.id(), "after restart").join();
                assertThat(after.seq()).isEqualTo(101);
            }

            // a retry of a send acknowledged before the restart, queued among new sends, gets the stored message
            var retried = acknowledged.get(5);
            try (var socket = ParleySocket.connect(
                    http, client.webSocketUri(), login(client, alice.username()).token(), frame -> {})) {
                var answers = new ArrayList<CompletableFuture<JsonNode>>();
                for (int i = 0; i < 20; i++) {
                    var clientMsgId = i == 10 ? retried.clientMsgId() : "after-" + i;
                    answers.add(socket.request(ParleySocket.frame("send")
                            .put("clientMsgId", clientMsgId)
                            .put("conversationId", conversation.id())
                            .put("body", "again " + i)));
                }
                var seqs = answers.stream()
                        .map(answer -> answer.join().path("message").path("seq").asLong())
                        .toList();
                assertThat(answers.get(10).join().path("message").path("id").asLong())
                        .isEqualTo(retried.id());
                assertThat(answers.get(10).join().path("message").path("body").asString())
                        .isEqualTo(retried.body());
                assertThat(seqs.stream().filter(seq -> seq > 101).sorted().toList())
                        .isEqualTo(java.util.stream.LongStream.rangeClosed(102, 120)
                                .boxed()
                                .toList());
            }
        }
    }

    private static Model.Session login(ParleyClient client, Model.Account account) {
        return login(client, account.username());
    }

    private static Model.Session login(ParleyClient client, String username) {
        return client.login(username, "restart passphrase", "restart test");
    }
}
