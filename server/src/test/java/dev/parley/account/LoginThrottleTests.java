package dev.parley.account;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    private final LoginThrottle throttle = new LoginThrottle(
            new AccountSettings(Duration.ofMinutes(15), 3, 5, Duration.ofHours(1), 2, Duration.ofMinutes(1), 1024, 1));

    @Test
    void usernameIsLockedAfterTooManyFailures() {
        for (int i = 0; i < 3; i++) {
            throttle.checkAllowed("alice", "10.0.0." + i);
            throttle.failed("alice", "10.0.0." + i);
        }
        assertThatThrownBy(() -> throttle.checkAllowed("alice", "10.0.0.99"))
                .isInstanceOfSatisfying(
                        Refusals.TooManyAttempts.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.retryAfterSeconds())
                                .isPositive());
        assertThatCode(() -> throttle.checkAllowed("bob", "10.0.0.99")).doesNotThrowAnyException();
    }

    @Test
    void addressIsLockedAfterTooManyFailuresAcrossUsernames() {
        for (int i = 0; i < 5; i++) {
            throttle.checkAllowed("user" + i, "192.0.2.1");
            throttle.failed("user" + i, "192.0.2.1");
        }
        assertThatThrownBy(() -> throttle.checkAllowed("someone.else", "192.0.2.1"))
                .isInstanceOf(Refusals.TooManyAttempts.class);
        assertThatCode(() -> throttle.checkAllowed("someone.else", "192.0.2.2")).doesNotThrowAnyException();
    }

    @Test
    void fewerFailuresThanTheLimitDoNotLock() {
        throttle.failed("carol", "198.51.100.1");
        throttle.failed("carol", "198.51.100.1");
        assertThatCode(() -> throttle.checkAllowed("carol", "198.51.100.1")).doesNotThrowAnyException();
    }

    @Test
    void addressThatRegistersTooOftenIsRefusedForAWhile() {
        throttle.registering("203.0.113.7");
        throttle.registering("203.0.113.7");
        assertThatThrownBy(() -> throttle.registering("203.0.113.7"))
                .isInstanceOfSatisfying(
                        Refusals.TooManyAttempts.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.retryAfterSeconds())
                                .isGreaterThan(60));
        assertThatCode(() -> throttle.registering("203.0.113.8")).doesNotThrowAnyException();
    }
}
