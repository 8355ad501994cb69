package dev.parley.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Refuses logins for a username, or from an address, that failed too often within the window.
 * Each key has a token bucket that a failed login drains and that refills once the window has
 * passed; while a bucket is empty, even a correct password is refused.
 */
@Component
class LoginThrottle {

    private final Cache<String, Bucket> byUsername;
    private final Cache<String, Bucket> byAddress;
    private final Bandwidth usernameLimit;
    private final Bandwidth addressLimit;

    LoginThrottle(AccountSettings settings) {
        var window = settings.failedLoginWindow();
        this.usernameLimit = limit(settings.maxFailuresPerUsername(), window);
        this.addressLimit = limit(settings.maxFailuresPerAddress(), window);
        this.byUsername = cache(window);
        this.byAddress = cache(window);
    }

    /** Throws {@link Refusals.TooManyAttempts} if either key is locked out. */
    void checkAllowed(String username, String address) {
        long wait = Math.max(waitNanos(byUsername.getIfPresent(username)), waitNanos(byAddress.getIfPresent(address)));
        if (wait > 0) {
            throw new Refusals.TooManyAttempts(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait) + 1));
        }
    }

    void failed(String username, String address) {
        byUsername.get(username, key -> bucket(usernameLimit)).tryConsume(1);
        byAddress.get(address, key -> bucket(addressLimit)).tryConsume(1);
    }

    private static long waitNanos(Bucket bucket) {
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return 0;
        }
        return bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private static Bandwidth limit(int failures, Duration window) {
        return Bandwidth.builder()
                .capacity(failures)
                .refillIntervally(failures, window)
                .build();
    }

    private static Bucket bucket(Bandwidth limit) {
        return Bucket.builder().addLimit(limit).build();
    }

    private static Cache<String, Bucket> cache(Duration window) {
        return Caffeine.newBuilder()
                .expireAfterAccess(window)
                .maximumSize(100_000)
                .build();
    }
}
