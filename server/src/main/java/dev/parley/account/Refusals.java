package dev.parley.account;

import dev.parley.shared.Refusal;
import dev.parley.shared.RetryLater;

/** What the account feature refuses, each with its stable code. */
final class Refusals {

    private Refusals() {}

    static final class InvalidUsername extends Refusal {
        InvalidUsername() {
            super(
                    "invalid_username",
                    400,
                    "A username is 3 to 32 characters: a letter first, then letters, digits, '_' or '.'");
        }
    }

    static final class WeakPassword extends Refusal {
        WeakPassword(String why) {
            super("weak_password", 400, why);
        }
    }

    static final class UsernameTaken extends Refusal {
        UsernameTaken() {
            super("username_taken", 409, "That username is taken");
        }
    }

    static final class InvalidCredentials extends Refusal {
        InvalidCredentials() {
            super("invalid_credentials", 401, "Wrong username or password");
        }
    }

    static final class TooManyAttempts extends Refusal implements RetryLater {
        private final long retryAfterSeconds;

        TooManyAttempts(long retryAfterSeconds) {
            super("too_many_attempts", 429, "Too many failed logins; try again later");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    static final class UnknownDevice extends Refusal {
        UnknownDevice() {
            super("unknown_device", 404, "No such device");
        }
    }
}
