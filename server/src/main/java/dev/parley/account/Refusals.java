package dev.parley.account;

import dev.parley.shared.Refusal;
import dev.parley.shared.RetryLater;

/** What the account feature refuses, each with its stable code. */
final class Refusals {

    private Refusals() {}

    static final class InvalidUsername extends Refusal {
        InvalidUsername() {
            super("A username is 3 to 32 characters: a letter first, then letters, digits, '_' or '.'");
        }

        @Override
        public String code() {
            return "invalid_username";
        }
    }

    static final class WeakPassword extends Refusal {
        WeakPassword(String why) {
            super(why);
        }

        @Override
        public String code() {
            return "weak_password";
        }
    }

    static final class UsernameTaken extends Refusal {
        UsernameTaken() {
            super("That username is taken");
        }

        @Override
        public String code() {
            return "username_taken";
        }

        @Override
        public int status() {
            return 409;
        }
    }

    static final class InvalidCredentials extends Refusal {
        InvalidCredentials() {
            super("Wrong username or password");
        }

        @Override
        public String code() {
            return "invalid_credentials";
        }

        @Override
        public int status() {
            return 401;
        }
    }

    static final class TooManyAttempts extends Refusal implements RetryLater {
        private final long retryAfterSeconds;

        TooManyAttempts(long retryAfterSeconds) {
            super("Too many failed logins; try again later");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public String code() {
            return "too_many_attempts";
        }

        @Override
        public int status() {
            return 429;
        }

        @Override
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    static final class UnknownDevice extends Refusal {
        UnknownDevice() {
            super("No such device");
        }

        @Override
        public String code() {
            return "unknown_device";
        }

        @Override
        public int status() {
            return 404;
        }
    }
}
