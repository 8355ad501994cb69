package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.Model;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ServerTest
@TestPropertySource(properties = {"parley.media.max-bytes=20KB", "parley.media.daily-bytes-per-user=16KB"})
class MediaLimitIntegrationTests {

    @Autowired
    TestServer server;

    @Autowired
    MediaSettings settings;

    @Autowired
    JdbcClient jdbc;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void uploadAboveTheByteLimitIsRefusedAndNothingStored() {
        var alice = server.newUser("heavy");
        var big = TestImages.noisePng(200, 200);
        assertThat(big.length).isGreaterThan(20 * 1024);
        assertRefused(upload(alice, "chat", big), 413, "media_too_large");
        assertThat(uploads(alice)).isZero();
        assertThat(Files.exists(Path.of(settings.directory()))).isFalse();

        assertThat(upload(alice, "chat", TestImages.png(40, 40)).statusCode()).isEqualTo(201);
    }

    @Test
    void uploadsBeyondTheDailyQuotaAreRefusedUntilTheEarlierOnesAreADayOld() {
        var alice = server.newUser("quota");
        var first = TestImages.noisePng(60, 60); // about 11 KB of the 16 KB a day
        var second = TestImages.noisePng(60, 61);
        var uploaded = upload(alice, "chat", first);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);

        assertRefused(upload(alice, "chat", second), 429, "media_quota_exceeded");
        assertRefused(upload(alice, "avatar", second), 429, "media_quota_exceeded");
        assertThat(uploads(alice)).isOne();
        // the same bytes again are not stored again, so they cost nothing
        var again = upload(alice, "chat", first);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(json(again).path("id").asString())
                .isEqualTo(json(uploaded).path("id").asString());
        // the quota is each user's own
        var bob = server.newUser("quotb");
        assertThat(upload(bob, "chat", second).statusCode()).isEqualTo(201);

        jdbc.sql("UPDATE media SET created_at = created_at - ? WHERE uploader_id = ?")
                .params(Duration.ofHours(25).toMillis(), alice.userId())
                .update();
        var nextDay = upload(alice, "chat", second);
        assertThat(nextDay.statusCode()).as(nextDay.body()).isEqualTo(201);
        assertThat(uploads(alice)).isEqualTo(2);
    }

    private HttpResponse<String> upload(Model.Session session, String purpose, byte[] png) {
        try {
            return server.http()
                    .send(
                            new Multipart()
                                    .file("file", "picture.png", "image/png", png)
                                    .field("purpose", purpose)
                                    .post(
                                            URI.create("http://localhost:" + server.port() + "/api/media"),
                                            session.token()),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long uploads(Model.Session session) {
        return jdbc.sql("SELECT COUNT(*) FROM media WHERE uploader_id = ?")
                .param(session.userId())
                .query(Long.class)
                .single();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).path("code").asString()).isEqualTo(code);
    }
}
