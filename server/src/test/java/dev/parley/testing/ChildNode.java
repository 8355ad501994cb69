package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyApplication;
import dev.parley.client.Model;
import dev.parley.client.ParleyClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Parley node on an embedded database in a directory of the test's, run in a JVM of its own so that a test can end
 * it as an operating system would (SIGTERM, SIGKILL), or in the test's JVM to look at what it left.
 */
public final class ChildNode {

    /** The password of the users {@link #friends} registers. */
    public static final String PASSWORD = "child node passphrase";

    /** Alice and Bob, friends, with a session each. */
    public record Friends(
            Model.Account alice, Model.Account bob, Model.Session aliceSession, Model.Session bobSession) {}

    private final Path data;
    private final int port;
    private final List<String> settings;

    /** A node on {@code data}'s database with the test's {@code settings} ({@code --name=value}). */
    public ChildNode(Path data, String... settings) throws IOException {
        this.data = data;
        this.port = freePort();
        this.settings = List.of(settings);
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("http://localhost:" + port);
    }

    /** The log of the node's processes. */
    public Path log() {
        return data.resolve("node.log");
    }

    /** The files of the database's directory whose names start with {@code prefix}. */
    public List<Path> files(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .toList();
        }
    }

    /** Registers Alice and Bob ({@code name} + "a" and "b") on a node, logs them in and makes them friends. */
    public static Friends friends(ParleyClient client, String name) {
        var alice = client.register(name + "a", PASSWORD);
        var bob = client.register(name + "b", PASSWORD);
        var aliceSession = login(client, alice);
        var bobSession = login(client, bob);
        TestServer.befriend(client, aliceSession, bobSession);
        return new Friends(alice, bob, aliceSession, bobSession);
    }

    /** A new session (device) of a user {@link #friends} registered. */
    public static Model.Session login(ParleyClient client, Model.Account account) {
        return client.login(account.username(), PASSWORD, "child node test");
    }

    /** Starts the node in a JVM of its own and waits until it is healthy. */
    public Process startProcess(HttpClient http) throws Exception {
        var command = new ArrayList<String>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                ParleyApplication.class.getName()));
        command.addAll(arguments());
        var process = new ProcessBuilder(command)
                .directory(data.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        try {
            awaitHealthy(http, process);
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    /** Starts the node in this JVM, on what the processes before it left. */
    public ConfigurableApplicationContext startInProcess() {
        return new SpringApplicationBuilder(ParleyApplication.class)
                .run(arguments().toArray(String[]::new));
    }

    private List<String> arguments() {
        var arguments = new ArrayList<String>(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("parley") + ";WRITE_DELAY=0;CACHE_SIZE=4096",
                "--parley.account.argon2-memory-kib=1024",
                "--parley.account.argon2-iterations=1"));
        arguments.addAll(settings);
        return arguments;
    }

    private void awaitHealthy(HttpClient http, Process process) throws Exception {
        var request = HttpRequest.newBuilder(uri().resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the node is running (%s)", log()).isTrue();
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the node did not start; see " + log());
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
