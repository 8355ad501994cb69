package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/** A server whose media storage is S3 (S3Proxy in this process, in memory). */
@ServerTest
class S3MediaIntegrationTests {

    private static S3Proxy proxy;
    private static S3Client inspector;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) throws Exception {
        proxy = S3StorageTests.startProxy();
        var endpoint = "http://127.0.0.1:" + proxy.getPort();
        inspector = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3StorageTests.ACCESS_KEY, S3StorageTests.SECRET_KEY)))
                .build();
        inspector.createBucket(request -> request.bucket(S3StorageTests.BUCKET));
        registry.add("parley.media.storage", () -> "s3");
        registry.add("parley.media.s3.endpoint", () -> endpoint);
        registry.add("parley.media.s3.bucket", () -> S3StorageTests.BUCKET);
        registry.add("parley.media.s3.access-key", () -> S3StorageTests.ACCESS_KEY);
        registry.add("parley.media.s3.secret-key", () -> S3StorageTests.SECRET_KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        inspector.close();
        proxy.stop();
    }

    @Autowired
    TestServer server;

    @Test
    void uploadIsStoredInTheBucketOnceAndServedFromIt() throws Exception {
        var alice = server.newUser("cloud");
        var bob = server.newUser("cloud");
        var bytes = TestImages.jpeg(1600, 1200);
        var first = upload(alice.token(), bytes);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        var body = JsonMapper.builder().build().readTree(first.body());
        var hash = MediaUploads.sha256(bytes);

        var keys =
                inspector
                        .listObjectsV2(
                                request -> request.bucket(S3StorageTests.BUCKET).prefix(hash))
                        .contents()
                        .stream()
                        .map(object -> object.key())
                        .toList();
        assertThat(keys).containsExactlyInAnyOrder(hash + "/original", hash + "/view", hash + "/thumbnail");

        assertThat(upload(bob.token(), bytes).statusCode()).isEqualTo(201);
        assertThat(inspector
                        .listObjectsV2(
                                request -> request.bucket(S3StorageTests.BUCKET).prefix(hash))
                        .keyCount())
                .isEqualTo(3);

        var served = server.http()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                                        + body.path("urls").path("view").asString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).contains("image/jpeg");
        var view = TestImages.decode(served.body());
        assertThat(view.getWidth()).isEqualTo(1280);
        assertThat(view.getHeight()).isEqualTo(960);
    }

    private HttpResponse<String> upload(String token, byte[] bytes) throws Exception {
        return server.http()
                .send(
                        new Multipart()
                                .file("file", "photo.jpg", "image/jpeg", bytes)
                                .post(URI.create("http://localhost:" + server.port() + "/api/media"), token),
                        HttpResponse.BodyHandlers.ofString());
    }
}
