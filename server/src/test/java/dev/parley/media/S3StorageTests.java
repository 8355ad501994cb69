package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 storage against S3Proxy running in this process on an in-memory blob store. */
class S3StorageTests {

    static final String ACCESS_KEY = "parley-access";
    static final String SECRET_KEY = "parley-secret";
    static final String BUCKET = "parley-test";

    private static S3Proxy proxy;
    private static S3Storage storage;
    private static S3Client inspector;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        proxy = startProxy();
        var endpoint = "http://127.0.0.1:" + proxy.getPort();
        storage = S3Storage.connect(new MediaSettings.S3(endpoint, "us-east-1", BUCKET, ACCESS_KEY, SECRET_KEY, true));
        inspector = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        inspector.createBucket(request -> request.bucket(BUCKET));
    }

    /** An S3Proxy on a free port of 127.0.0.1, started. */
    static S3Proxy startProxy() throws Exception {
        var started = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        started.start();
        while (!"STARTED".equals(started.getState())) {
            Thread.sleep(10);
        }
        return started;
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        if (storage != null) {
            storage.close();
        }
        if (inspector != null) {
            inspector.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
    }

    @Test
    void storedObjectIsReadBackAndStoredOnlyOnce() {
        var key = MediaUploads.sha256("round trip".getBytes(StandardCharsets.UTF_8)) + "/original";
        var bytes = TestImages.png(20, 10);
        assertThat(storage.exists(key)).isFalse();
        assertThat(storage.read(key)).isEmpty();

        assertThat(storage.store(key, bytes, "image/png")).isTrue();
        assertThat(storage.exists(key)).isTrue();
        assertThat(storage.read(key))
                .hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));
        assertThat(storage.store(key, bytes, "image/png")).isFalse();

        var listed = inspector
                .listObjectsV2(request -> request.bucket(BUCKET).prefix(key))
                .contents();
        assertThat(listed).hasSize(1);
        var head = inspector.headObject(request -> request.bucket(BUCKET).key(key));
        assertThat(head.contentType()).isEqualTo("image/png");
        assertThat(head.contentLength()).isEqualTo(bytes.length);
    }

    @Test
    void deletedObjectIsGoneAndDeletingAgainIsHarmless() {
        var key = MediaUploads.sha256("to delete".getBytes(StandardCharsets.UTF_8)) + "/original";
        storage.store(key, TestImages.png(20, 10), "image/png");

        storage.delete(key);
        assertThat(storage.exists(key)).isFalse();
        assertThat(storage.read(key)).isEmpty();
        storage.delete(key);
    }
}
