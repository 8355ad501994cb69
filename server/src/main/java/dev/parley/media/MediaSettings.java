package dev.parley.media;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the media feature.
 *
 * @param maxBytes the largest upload accepted
 * @param dailyBytesPerUser the most bytes one user may upload in any 24 hours (the same bytes again, which are not
 *     stored again, do not count)
 * @param sweepInterval how often the {@link MediaSweeper} runs on this node; zero: never
 * @param keepUnusedFor how long an upload that nothing shows (an image not sent, an avatar replaced, a recalled
 *     message's image) is kept before the sweep deletes it
 * @param maxPixels the most pixels (width times height) an upload may have; checked from the header, before the
 *     image is decoded
 * @param linkLifetime how long a signed media URL stays valid, at least (at most twice as long)
 * @param signingSecret the key of the signed URLs; blank: a random key is made at start-up (links then break on
 *     restart and are not valid on other nodes)
 * @param storage where images are stored: {@code filesystem} or {@code s3}
 * @param directory the root of the filesystem storage
 * @param s3 the S3-compatible object storage, used when {@code storage} is {@code s3}
 */
@ConfigurationProperties("parley.media")
record MediaSettings(
        DataSize maxBytes,
        DataSize dailyBytesPerUser,
        Duration sweepInterval,
        Duration keepUnusedFor,
        long maxPixels,
        Duration linkLifetime,
        @Nullable String signingSecret,
        Storage storage,
        String directory,
        S3 s3) {

    enum Storage {
        FILESYSTEM,
        S3
    }

    /**
     * @param endpoint the service's URL, for example {@code http://minio:9000}; blank: AWS itself
     * @param region the region to sign requests for
     * @param bucket the bucket that holds the objects; it must exist
     * @param accessKey the access key id; blank: the AWS SDK's default credential chain
     * @param secretKey the secret access key
     * @param pathStyle whether to address the bucket in the path ({@code endpoint/bucket/key}) rather than the host
     */
    record S3(
            @Nullable String endpoint,
            String region,
            String bucket,
            @Nullable String accessKey,
            @Nullable String secretKey,
            boolean pathStyle) {}

    int maxBytesAsInt() {
        return (int) Math.min(Integer.MAX_VALUE - 8, maxBytes.toBytes());
    }
}
