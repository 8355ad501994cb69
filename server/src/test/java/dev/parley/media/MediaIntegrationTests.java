package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.Model;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ServerTest
@Import(MediaIntegrationTests.Grants.class)
class MediaIntegrationTests {

    /** Chat image grants as another feature would give them: here, whatever a test puts in {@link #GRANTED}. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Grants {
        static final Set<String> GRANTED = ConcurrentHashMap.newKeySet();

        @Bean
        ChatImageGrants testGrants() {
            return (userId, mediaId) -> GRANTED.contains(userId + ":" + mediaId);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TestServer server;

    @Autowired
    MediaSettings settings;

    @Autowired
    MediaStorage storage;

    @Autowired
    MediaLibrary library;

    @Autowired
    UrlSigner signer;

    @Autowired
    JdbcClient jdbc;

    @Test
    void avatarIsStoredWithItsVariantsAndServedToBrowsers() {
        var alice = server.newUser("avatar");
        var response = upload(alice, "avatar", "me.png", "image/png", TestImages.png(2000, 1000));
        assertThat(response.statusCode()).isEqualTo(201);
        var body = json(response);
        var id = body.path("id").asString();
        assertThat(response.headers().firstValue("Location")).contains("/api/media/" + id);
        assertThat(body.path("purpose").asString()).isEqualTo("avatar");
        assertThat(body.path("contentType").asString()).isEqualTo("image/png");
        assertThat(body.path("width").asInt()).isEqualTo(2000);
        assertThat(body.path("height").asInt()).isEqualTo(1000);
        assertThat(body.path("bytes").asLong()).isPositive();

        var original = fetch(body.path("urls").path("original").asString());
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(original.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(original.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(original.body()).hasSize(body.path("bytes").asInt());
        assertThat(size(original.body())).isEqualTo("2000x1000");
        assertThat(size(fetch(body.path("urls").path("view").asString()).body()))
                .isEqualTo("1280x640");
        assertThat(size(fetch(body.path("urls").path("thumbnail").asString()).body()))
                .isEqualTo("160x80");

        var bob = server.newUser("viewer");
        assertThat(library.mayRead(bob.userId(), id)).isTrue();
        var described = get("/api/media/" + id, bob);
        assertThat(described.statusCode()).isEqualTo(200);
        assertThat(json(described).path("width").asInt()).isEqualTo(2000);
        assertThat(library.find(id)).hasValueSatisfying(image -> {
            assertThat(image.uploaderId()).isEqualTo(alice.userId());
            assertThat(image.purpose()).isEqualTo("avatar");
        });
    }

    @Test
    void chatImageIsHiddenFromUsersWhoAreNeitherItsUploaderNorGranted() {
        var alice = server.newUser("sender");
        var bob = server.newUser("stranger");
        var carol = server.newUser("member");
        // no purpose field: chat is the default
        var response = upload(alice, null, "photo.jpg", "image/jpeg", TestImages.jpeg(300, 200));
        assertThat(response.statusCode()).isEqualTo(201);
        var body = json(response);
        var id = body.path("id").asString();
        assertThat(body.path("purpose").asString()).isEqualTo("chat");
        assertThat(body.path("contentType").asString()).isEqualTo("image/jpeg");

        assertThat(get("/api/media/" + id, alice).statusCode()).isEqualTo(200);
        var refused = get("/api/media/" + id, bob);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(json(refused).path("code").asString()).isEqualTo("unknown_media");
        var unknown = json(get("/api/media/999999", bob));
        assertThat(json(refused).path("detail")).isEqualTo(unknown.path("detail"));
        assertThat(library.mayRead(bob.userId(), id)).isFalse();

        Grants.GRANTED.add(carol.userId() + ":" + id);
        assertThat(library.mayRead(carol.userId(), id)).isTrue();
        assertThat(get("/api/media/" + id, carol).statusCode()).isEqualTo(200);

        var served = fetch(body.path("urls").path("original").asString());
        assertThat(served.headers().firstValue("Cache-Control")).contains("private, max-age=31536000, immutable");
    }

    @Test
    void manyImagesAreDescribedInOneRequestLeavingOutThoseTheCallerMayNotRead() {
        var alice = server.newUser("many");
        var bob = server.newUser("peer");
        var avatar = json(upload(alice, "avatar", "me.png", "image/png", TestImages.png(64, 64)));
        var photo = json(upload(alice, "chat", "photo.png", "image/png", TestImages.png(80, 60)));
        var bobs = json(upload(bob, "chat", "his.png", "image/png", TestImages.png(50, 50)));
        var ids = String.join(
                ",",
                avatar.path("id").asString(),
                photo.path("id").asString(),
                bobs.path("id").asString(),
                "999999",
                photo.path("id").asString());

        var forAlice = json(get("/api/media?ids=" + ids, alice));
        assertThat(forAlice.valueStream().map(image -> image.path("id").asString()))
                .containsExactlyInAnyOrder(
                        avatar.path("id").asString(), photo.path("id").asString());
        var described = forAlice.valueStream()
                .filter(image ->
                        image.path("id").asString().equals(photo.path("id").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(described.path("width").asInt()).isEqualTo(80);
        assertThat(fetch(described.path("urls").path("thumbnail").asString()).statusCode())
                .isEqualTo(200);
        // Bob sees the avatar and his own image, not Alice's chat image
        assertThat(json(get("/api/media?ids=" + ids, bob))
                        .valueStream()
                        .map(image -> image.path("id").asString()))
                .containsExactlyInAnyOrder(
                        avatar.path("id").asString(), bobs.path("id").asString());

        var tooMany = String.join(",", java.util.Collections.nCopies(101, "1"));
        assertRefused(get("/api/media?ids=" + tooMany, alice), 400, "too_many_ids");
    }

    @Test
    void htmlOrPdfBehindAnImageNameIsRefusedAndNothingStored() {
        var alice = server.newUser("sneaky");
        var html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";
        assertRefused(
                upload(alice, "chat", "cat.png", "image/png", html.getBytes(StandardCharsets.UTF_8)),
                415,
                "unsupported_media_type");
        assertRefused(
                upload(alice, "chat", "cat.png", "image/png", "%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.UTF_8)),
                415,
                "unsupported_media_type");
        assertNothingStored(alice);
    }

    @Test
    void svgIsRefused() {
        var alice = server.newUser("vector");
        var svg =
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"9\" height=\"9\"/></svg>";
        assertRefused(
                upload(alice, "avatar", "logo.svg", "image/svg+xml", svg.getBytes(StandardCharsets.UTF_8)),
                415,
                "unsupported_media_type");
        assertNothingStored(alice);
    }

    @Test
    void imageClaimingTooManyPixelsIsRefusedBeforeDecoding() {
        var alice = server.newUser("bomb");
        var bomb = TestImages.pngClaiming(20_000, 20_000);
        assertThat(bomb.length).isLessThan(100);
        assertRefused(upload(alice, "chat", "bomb.png", "image/png", bomb), 422, "too_many_pixels");
        assertNothingStored(alice);
    }

    @Test
    void truncatedImageIsRefusedAsCorrupt() {
        var alice = server.newUser("broken");
        var truncated = TestImages.truncated(TestImages.noisePng(300, 300));
        assertRefused(upload(alice, "chat", "broken.png", "image/png", truncated), 422, "corrupt_image");
        assertRefused(
                upload(alice, "chat", "broken.jpg", "image/jpeg", TestImages.truncated(TestImages.jpeg(600, 400))),
                422,
                "corrupt_image");
        assertNothingStored(alice);
    }

    @Test
    void uploadWithoutAFileOrWithAnUnknownPurposeIsRefused() {
        var alice = server.newUser("careless");
        var noFile = send(new Multipart().field("purpose", "chat").post(uri("/api/media"), alice.token()));
        assertRefused(noFile, 400, "missing_file");
        assertRefused(upload(alice, "wallpaper", "a.png", "image/png", TestImages.png(10, 10)), 400, "invalid_purpose");
        assertNothingStored(alice);
    }

    @Test
    void uploadNeedsALoggedInUser() {
        var response = send(new Multipart()
                .file("file", "a.png", "image/png", TestImages.png(10, 10))
                .post(uri("/api/media"), "not-a-token"));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void exifIsGoneFromEveryStoredImage() {
        var alice = server.newUser("traveller");
        var upload = TestImages.jpegWithExif(1600, 1200);
        assertThat(TestImages.containsAscii(upload, "Exif")).isTrue();
        var body = json(upload(alice, "chat", "holiday.jpg", "image/jpeg", upload));
        var hash = MediaUploads.sha256(upload);
        for (var variant : Variant.values()) {
            var stored = storage.read(MediaLibrary.key(hash, variant)).orElseThrow();
            assertThat(TestImages.containsAscii(stored, "Exif"))
                    .as(variant.pathName())
                    .isFalse();
            var served = fetch(body.path("urls").path(variant.pathName()).asString());
            assertThat(served.body()).isEqualTo(stored);
        }
        assertThat(size(storage.read(MediaLibrary.key(hash, Variant.VIEW)).orElseThrow()))
                .isEqualTo("1280x960");
    }

    @Test
    void sameBytesAreStoredOnceWhoeverUploadsThem() {
        var alice = server.newUser("first");
        var bob = server.newUser("second");
        var bytes = TestImages.jpeg(640, 480);
        var first = json(upload(alice, "chat", "a.jpg", "image/jpeg", bytes));
        long objects = storedObjects();
        assertThat(objects).isGreaterThan(0);

        var again = json(upload(alice, "chat", "again.jpg", "image/jpeg", bytes));
        assertThat(again.path("id").asString()).isEqualTo(first.path("id").asString());
        var other = upload(bob, "chat", "b.jpg", "image/jpeg", bytes);
        assertThat(other.statusCode()).isEqualTo(201);
        var bobs = json(other);
        assertThat(bobs.path("id").asString()).isNotEqualTo(first.path("id").asString());
        assertThat(bobs.path("bytes").asLong()).isEqualTo(first.path("bytes").asLong());
        assertThat(storedObjects()).isEqualTo(objects);
        // bob uploaded the same bytes himself, so he may read his upload; alice's stays hers
        assertThat(get("/api/media/" + bobs.path("id").asString(), bob).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/media/" + first.path("id").asString(), bob).statusCode())
                .isEqualTo(404);
    }

    @Test
    void signedUrlWithAWrongSignatureOrPastItsExpiryIsRefused() {
        var alice = server.newUser("linker");
        var body = json(upload(alice, "avatar", "a.png", "image/png", TestImages.png(50, 50)));
        var id = body.path("id").asString();
        var url = body.path("urls").path("thumbnail").asString();
        assertThat(fetch(url).statusCode()).isEqualTo(200);

        var tampered = url.substring(0, url.length() - 2) + (url.endsWith("AA") ? "BB" : "AA");
        assertRefusedLink(fetch(tampered), 403, "invalid_signature");
        assertRefusedLink(fetch(url.replace("/thumbnail?", "/original?")), 403, "invalid_signature");
        assertRefusedLink(fetch("/media/" + id + "/original"), 403, "invalid_signature");

        long past = System.currentTimeMillis() / 1000 - 60;
        var expired = "/media/" + id + "/original?exp=" + past + "&sig=" + signer.signature(id, Variant.ORIGINAL, past);
        assertRefusedLink(fetch(expired), 403, "expired_link");
    }

    private HttpResponse<String> upload(
            Model.Session session, String purpose, String filename, String contentType, byte[] bytes) {
        var multipart = new Multipart().file("file", filename, contentType, bytes);
        if (purpose != null) {
            multipart.field("purpose", purpose);
        }
        return send(multipart.post(uri("/api/media"), session.token()));
    }

    private HttpResponse<String> get(String path, Model.Session session) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + session.token())
                .build());
    }

    private HttpResponse<byte[]> fetch(String path) {
        try {
            return server.http()
                    .send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return server.http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(response).path("code").asString()).isEqualTo(code);
    }

    private static void assertRefusedLink(HttpResponse<byte[]> response, int status, String code) {
        var body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(JSON.readTree(body).path("code").asString()).isEqualTo(code);
    }

    private void assertNothingStored(Model.Session session) {
        var rows = jdbc.sql("SELECT COUNT(*) FROM media WHERE uploader_id = ?")
                .param(session.userId())
                .query(Long.class)
                .single();
        assertThat(rows).isZero();
        assertThat(storedObjects()).isEqualTo(objectsOfOthers());
    }

    /** Objects written by the tests that upload something valid; refused uploads must not add to them. */
    private long objectsOfOthers() {
        var hashes = jdbc.sql("SELECT DISTINCT content_hash FROM media")
                .query(String.class)
                .list();
        return hashes.stream()
                .mapToLong(hash -> java.util.Arrays.stream(Variant.values())
                        .filter(variant -> storage.exists(MediaLibrary.key(hash, variant)))
                        .count())
                .sum();
    }

    private long storedObjects() {
        var root = Path.of(settings.directory());
        if (!Files.exists(root)) {
            return 0;
        }
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String size(byte[] image) {
        var decoded = TestImages.decode(image);
        return decoded.getWidth() + "x" + decoded.getHeight();
    }
}
