package dev.parley.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * One token bucket per key (a user, a username, an address), all with the same limit, forgotten
 * once unused for {@code idle}: how Parley limits rates without keeping state for everyone forever.
 */
public final class KeyedBuckets<K> {

    private final Bandwidth limit;
    private final Cache<K, Bucket> buckets;

    public KeyedBuckets(Bandwidth limit, Duration idle) {
        this.limit = limit;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(idle)
                .maximumSize(200_000)
                .build();
    }

    /** A limit of {@code capacity} tokens that refills all at once every {@code window}. */
    public static Bandwidth perWindow(int capacity, Duration window) {
        return Bandwidth.builder()
                .capacity(capacity)
                .refillIntervally(capacity, window)
                .build();
    }

    /** A limit of {@code burst} tokens that refills steadily at {@code perSecond}. */
    public static Bandwidth perSecond(int perSecond, int burst) {
        return Bandwidth.builder()
                .capacity(burst)
                .refillGreedy(perSecond, Duration.ofSeconds(1))
                .build();
    }

    /** Takes a token if there is one. */
    public boolean tryConsume(K key) {
        return buckets.get(key, k -> Bucket.builder().addLimit(limit).build()).tryConsume(1);
    }

    /** How long until the key has a token again; zero if it has one now. */
    public long nanosUntilAvailable(K key) {
        var bucket = buckets.getIfPresent(key);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return 0;
        }
        return bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }
}
