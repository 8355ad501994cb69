package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

@ServerTest
@TestPropertySource(properties = "parley.media.max-bytes=20KB")
class MediaLimitIntegrationTests {

    @Autowired
    TestServer server;

    @Autowired
    MediaSettings settings;

    @Autowired
    JdbcClient jdbc;

    @Test
    void uploadAboveTheByteLimitIsRefusedAndNothingStored() throws Exception {
        var alice = server.newUser("heavy");
        var big = TestImages.noisePng(200, 200);
        assertThat(big.length).isGreaterThan(20 * 1024);
        var response = server.http()
                .send(
                        new Multipart()
                                .file("file", "big.png", "image/png", big)
                                .field("purpose", "chat")
                                .post(URI.create("http://localhost:" + server.port() + "/api/media"), alice.token()),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(response.body())
                        .path("code")
                        .asString())
                .isEqualTo("media_too_large");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM media WHERE uploader_id = ?")
                        .param(alice.userId())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(Files.exists(Path.of(settings.directory()))).isFalse();

        var small = server.http()
                .send(
                        new Multipart()
                                .file("file", "small.png", "image/png", TestImages.png(40, 40))
                                .post(URI.create("http://localhost:" + server.port() + "/api/media"), alice.token()),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).as(small.body()).isEqualTo(201);
    }
}
