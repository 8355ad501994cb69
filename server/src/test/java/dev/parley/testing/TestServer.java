package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyException;
import dev.parley.client.ParleySocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.core.env.Environment;

/** The server under test, seen through the Java client SDK, with helpers to make users and connect them. */
@TestConfiguration(proxyBeanMethods = false)
public class TestServer {

    public static final String PASSWORD = "a perfectly fine passphrase";
    private static final AtomicInteger DEVICES = new AtomicInteger();

    private final Environment environment;
    private final HttpClient http = HttpClient.newHttpClient();
    private ParleyClient client;

    TestServer(Environment environment) {
        this.environment = environment;
    }

    public int port() {
        return environment.getRequiredProperty("local.server.port", Integer.class);
    }

    public ParleyClient client() {
        if (client == null) {
            client = new ParleyClient(URI.create("http://localhost:" + port()), http);
        }
        return client;
    }

    public URI webSocketUri() {
        return client().webSocketUri();
    }

    public HttpClient http() {
        return http;
    }

    /** A fresh user with a unique name. */
    public Model.Account newAccount(String prefix) {
        var username =
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return client().register(username, PASSWORD);
    }

    /** A fresh user, logged in on one device. */
    public Model.Session newUser(String prefix) {
        return login(newAccount(prefix));
    }

    /** Another device of the user. */
    public Model.Session login(Model.Account account) {
        return client().login(account.username(), PASSWORD, "device " + DEVICES.incrementAndGet());
    }

    public Model.Account account(Model.Session session) {
        return new Model.Account(session.userId(), session.username());
    }

    /** Two fresh users who are friends, each logged in on one device. */
    public record Friends(Model.Session a, Model.Session b) {}

    public Friends newFriends(String prefixA, String prefixB) {
        var friends = new Friends(newUser(prefixA), newUser(prefixB));
        befriend(friends.a(), friends.b());
        return friends;
    }

    /** Makes two users friends through the REST API: {@code a} asks, {@code b} accepts. */
    public void befriend(Model.Session a, Model.Session b) {
        befriend(client(), a, b);
    }

    /** Makes two users friends, each through a device that is logged out again afterwards. */
    public void befriend(Model.Account a, Model.Account b) {
        var sessionA = login(a);
        var sessionB = login(b);
        befriend(sessionA, sessionB);
        client().logout(sessionA.token());
        client().logout(sessionB.token());
    }

    /** Makes two users friends on any server: {@code a} asks, {@code b} accepts. */
    public static void befriend(ParleyClient client, Model.Session a, Model.Session b) {
        var request = client.sendFriendRequest(a.token(), b.userId(), "Hi, it's " + a.username());
        client.acceptFriendRequest(b.token(), request.id());
    }

    /** Asserts that the call is refused with the error code. */
    public static void refused(String code, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    /** An authenticated WebSocket whose pushes are recorded. */
    public Recorder.Socket connect(Model.Session session) {
        var frames = new Recorder.Frames();
        return new Recorder.Socket(ParleySocket.connect(http, webSocketUri(), session.token(), frames), frames);
    }

    /** A started messenger whose messages and receipts are recorded. */
    public Recorder messenger(Model.Session session) {
        var recorder = new Recorder();
        recorder.messenger = new Messenger(client(), session, recorder).start();
        return recorder;
    }
}
