package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.Messenger;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleySocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Runs a server in its own process under a low open-file limit, drives it past the limit with idle
 * TCP connections, and checks that it serves normally once they are gone: accepting never kills an
 * event loop, and nothing the server needs is loaded lazily from a file it can no longer open.
 */
@EnabledOnOs(OS.LINUX)
class FileLimitIntegrationTests {

    private static final int FILE_LIMIT = 400;
    private static final int FLOOD = 700;

    @Test
    void serverKeepsServingAfterRunningOutOfFileDescriptors() throws Exception {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        var log = Path.of("target", "file-limit-server.log");
        Files.createDirectories(log.getParent());
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = List.of(
                "bash",
                "-c",
                "ulimit -n " + FILE_LIMIT + " && exec \"$JAVA\" -cp \"$CP\" dev.parley.ParleyApplication \"$@\"",
                "parley",
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:mem:file-limit;DB_CLOSE_DELAY=-1",
                "--parley.account.argon2-memory-kib=1024",
                "--parley.account.argon2-iterations=1");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA", java);
        builder.environment().put("CP", System.getProperty("java.class.path"));
        var server = builder.start();
        try {
            var http = HttpClient.newHttpClient();
            var client = new ParleyClient(URI.create("http://localhost:" + port), http);
            await().atMost(Duration.ofSeconds(90))
                    .ignoreExceptions()
                    .until(() -> client.register("fd_probe", "fd probe passphrase") != null);
            var alice = client.login("fd_probe", "fd probe passphrase", "before");
            client.register("fd_peer", "fd probe passphrase");
            var bob = client.login("fd_peer", "fd probe passphrase", "before");
            dev.parley.testing.TestServer.befriend(client, alice, bob);

            var flood = new ArrayList<Socket>();
            for (int i = 0; i < FLOOD; i++) {
                try {
                    var socket = new Socket();
                    socket.connect(new InetSocketAddress("localhost", port), 2_000);
                    flood.add(socket);
                } catch (IOException refused) {
                    break; // the backlog is full too: the server is well past its limit
                }
            }
            long open = 0;
            long watchUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (open < FILE_LIMIT - 2 && System.nanoTime() < watchUntil) {
                try (var descriptors = Files.list(Path.of("/proc", Long.toString(server.pid()), "fd"))) {
                    open = Math.max(open, descriptors.count());
                }
                Thread.sleep(100);
            }
            assertThat(open).as("the server's open files at the peak").isGreaterThanOrEqualTo(FILE_LIMIT - 2);
            for (var socket : flood) {
                socket.close();
            }
            assertThat(flood.size()).as("connections opened").isGreaterThan(FILE_LIMIT);
            assertThat(server.isAlive()).isTrue();

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                try (var socket = ParleySocket.connect(http, client.webSocketUri(), bob.token(), frame -> {})) {
                    assertThat(socket.request(ParleySocket.frame("ping")).join())
                            .isNotNull();
                }
            });
            var recorder = new dev.parley.testing.Recorder();
            try (var messenger = new Messenger(client, alice, recorder).start()) {
                var sent = messenger
                        .send(new Messenger.Target.User(bob.userId()), "still here")
                        .join();
                assertThat(sent.seq()).isEqualTo(1);
            }
            assertThat(Files.readString(log))
                    .doesNotContain("NoClassDefFoundError")
                    .doesNotContain("ClassNotFoundException");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }
}
