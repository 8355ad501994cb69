package dev.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.Model;
import dev.parley.client.ParleyException;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ServerTest
class AccountIntegrationTests {

    @Autowired
    TestServer server;

    private static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void registerLoginAndLogout() {
        var username = uniqueName("Dora");
        var account = server.client().register(username, TestServer.PASSWORD);
        assertThat(account.username()).as("usernames are stored in lower case").isEqualTo(username.toLowerCase());

        var session = server.client().login(username.toUpperCase(), TestServer.PASSWORD, "laptop");
        assertThat(session.userId()).isEqualTo(account.id());
        assertThat(session.token()).hasSizeGreaterThanOrEqualTo(22); // at least 128 bits, base64url
        assertThat(server.client().me(session.token()).username()).isEqualTo(account.username());

        server.client().logout(session.token());
        assertThatThrownBy(() -> server.client().me(session.token()))
                .isInstanceOfSatisfying(ParleyException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("unauthenticated");
                });
    }

    @Test
    void duplicateAndMalformedUsernamesAreRefused() {
        var username = uniqueName("eve");
        server.client().register(username, TestServer.PASSWORD);
        assertThatThrownBy(() -> server.client().register(username.toUpperCase(), TestServer.PASSWORD))
                .isInstanceOfSatisfying(ParleyException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("username_taken");
                });
        for (var bad : new String[] {"ab", "9lives", "has space", "x".repeat(33), "émile", ""}) {
            assertThatThrownBy(() -> server.client().register(bad, TestServer.PASSWORD))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ParleyException.class, e -> assertThat(e.code()).isEqualTo("invalid_username"));
        }
    }

    @Test
    void weakPasswordsAreRefusedWithAReason() {
        var username = uniqueName("weak");
        for (var weak : new String[] {"short", "password123", "aaaaaaaaaaaa", "my-" + username + "-pass"}) {
            assertThatThrownBy(() -> server.client().register(username, weak))
                    .as(weak)
                    .isInstanceOfSatisfying(ParleyException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("weak_password");
                    });
        }
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameRefusal() {
        var account = server.newAccount("frank");
        assertThatThrownBy(() -> server.client().login(account.username(), "not the password", "phone"))
                .isInstanceOfSatisfying(ParleyException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("invalid_credentials");
                });
        assertThatThrownBy(() -> server.client().login(uniqueName("nobody"), "whatever it is", "phone"))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("invalid_credentials"));
    }

    @Test
    void aSignInPageCanAskWhetherAUsernameExistsWithoutAToken() throws Exception {
        var account = server.newAccount("Hugo");
        var known = exists(account.username().toUpperCase() + " ");
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(known.body()).contains("\"exists\":true").contains("\"username\":\"" + account.username() + "\"");
        var unknown = exists(uniqueName("nobody"));
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("\"exists\":false");
    }

    private HttpResponse<String> exists(String username) throws Exception {
        var path = "/api/accounts/"
                + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20") + "/exists";
        return server.http()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void repeatedFailedLoginsLockTheUsernameForAWhile() throws Exception {
        var account = server.newAccount("grace");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> server.client().login(account.username(), "guess " + Math.random(), "x"))
                    .isInstanceOfSatisfying(
                            ParleyException.class, e -> assertThat(e.code()).isEqualTo("invalid_credentials"));
        }
        assertThatThrownBy(() -> server.client().login(account.username(), TestServer.PASSWORD, "x"))
                .as("even the right password is refused while locked")
                .isInstanceOfSatisfying(ParleyException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.code()).isEqualTo("too_many_attempts");
                });
        var raw = server.http()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/sessions"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + account.username()
                                        + "\",\"password\":\"" + TestServer.PASSWORD + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(429);
        assertThat(raw.headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
        assertThat(raw.body()).doesNotContain(TestServer.PASSWORD);
    }

    @Test
    void devicesAreListedAndARevokedDeviceIsDisconnectedAndLocked() throws Exception {
        var account = server.newAccount("henry");
        var laptop = server.login(account);
        var phone = server.login(account);

        var devices = server.client().devices(laptop.token());
        assertThat(devices).extracting(Model.Device::id).containsExactlyInAnyOrder(laptop.deviceId(), phone.deviceId());
        assertThat(devices)
                .filteredOn(Model.Device::current)
                .extracting(Model.Device::id)
                .containsExactly(laptop.deviceId());

        try (var phoneSocket = server.connect(phone);
                var laptopSocket = server.connect(laptop)) {
            server.client().revokeDevice(laptop.token(), phone.deviceId());

            var closed = phoneSocket.socket().closed().get(10, TimeUnit.SECONDS);
            assertThat(closed.code()).isEqualTo(4003);
            assertThat(laptopSocket.socket().isOpen()).isTrue();
        }
        assertThatThrownBy(() -> server.client().me(phone.token()))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(server.client().devices(laptop.token()))
                .extracting(Model.Device::id)
                .containsExactly(laptop.deviceId());
    }

    @Test
    void loggingOutClosesThatDevicesConnections() throws Exception {
        var session = server.newUser("ivy");
        try (var socket = server.connect(session)) {
            server.client().logout(session.token());
            assertThat(socket.socket().closed().get(10, TimeUnit.SECONDS).code())
                    .isEqualTo(4003);
        }
    }

    @Test
    void anotherUsersDeviceCannotBeRevoked() {
        var owner = server.newUser("jack");
        var intruder = server.newUser("kate");
        assertThatThrownBy(() -> server.client().revokeDevice(intruder.token(), owner.deviceId()))
                .isInstanceOfSatisfying(ParleyException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("unknown_device");
                });
        assertThat(server.client().me(owner.token()).id()).isEqualTo(owner.userId());
    }

    @Test
    void requestsWithoutAValidTokenAreRefused() {
        assertThatThrownBy(() -> server.client().conversations("forged-token"))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> server.client().conversations(null))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("unauthenticated"));
    }

    @Test
    void malformedRequestBodyGetsAProblemResponse() throws Exception {
        var response = server.http()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/accounts"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"malformed_request\"");
    }

    @Test
    void deviceNamesAreCleanedAndShortenedWithoutBreakingCharacters() {
        var account = server.newAccount("lena");
        var session = server.client().login(account.username(), TestServer.PASSWORD, "📱".repeat(40) + "\u0000\n");
        var name = server.client().devices(session.token()).getFirst().name();
        assertThat(name).isEqualTo("📱".repeat(32));
    }
}
