package dev.parley.account;

import dev.parley.shared.KeyedBuckets;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Refuses logins for a username, or from an address, that failed too often within the window,
 * and registrations from an address that registered too often. A failed login drains a token from
 * the username's and the address's buckets; while either is empty, even a correct password is
 * refused. Every registration attempt drains a token from its address's bucket.
 */
@Component
class LoginThrottle {

    private final KeyedBuckets<String> failuresByUsername;
    private final KeyedBuckets<String> failuresByAddress;
    private final KeyedBuckets<String> registrationsByAddress;

    LoginThrottle(AccountSettings settings) {
        var window = settings.failedLoginWindow();
        this.failuresByUsername =
                new KeyedBuckets<>(KeyedBuckets.perWindow(settings.maxFailuresPerUsername(), window), window);
        this.failuresByAddress =
                new KeyedBuckets<>(KeyedBuckets.perWindow(settings.maxFailuresPerAddress(), window), window);
        var registrationWindow = settings.registrationWindow();
        this.registrationsByAddress = new KeyedBuckets<>(
                KeyedBuckets.perWindow(settings.maxRegistrationsPerAddress(), registrationWindow), registrationWindow);
    }

    /** Throws {@link Refusals.TooManyAttempts} if either key is locked out. */
    void checkAllowed(String username, String address) {
        long wait = Math.max(
                failuresByUsername.nanosUntilAvailable(username), failuresByAddress.nanosUntilAvailable(address));
        if (wait > 0) {
            throw new Refusals.TooManyAttempts(seconds(wait));
        }
    }

    void failed(String username, String address) {
        failuresByUsername.tryConsume(username);
        failuresByAddress.tryConsume(address);
    }

    /** Throws {@link Refusals.TooManyAttempts} if the address failed or looked up too often; counts one lookup. */
    void lookingUp(String address) {
        if (!failuresByAddress.tryConsume(address)) {
            throw new Refusals.TooManyAttempts(seconds(failuresByAddress.nanosUntilAvailable(address)));
        }
    }

    /** Throws {@link Refusals.TooManyAttempts} if the address registered too often. */
    void registering(String address) {
        if (!registrationsByAddress.tryConsume(address)) {
            throw new Refusals.TooManyAttempts(seconds(registrationsByAddress.nanosUntilAvailable(address)));
        }
    }

    private static long seconds(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1);
    }
}
