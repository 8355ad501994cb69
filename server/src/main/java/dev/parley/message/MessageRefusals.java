package dev.parley.message;

import dev.parley.shared.Refusal;
import dev.parley.shared.RetryLater;

/** What the message feature refuses, each with its stable code. */
public final class MessageRefusals {

    private MessageRefusals() {}

    public static final class MessageTooLong extends Refusal {
        MessageTooLong(int max) {
            super("A message has at most " + max + " characters");
        }

        @Override
        public String code() {
            return "message_too_long";
        }

        @Override
        public int status() {
            return 413;
        }
    }

    public static final class EmptyMessage extends Refusal {
        EmptyMessage() {
            super("A message needs some text");
        }

        @Override
        public String code() {
            return "empty_message";
        }
    }

    public static final class InvalidClientMsgId extends Refusal {
        InvalidClientMsgId() {
            super("clientMsgId is 1 to 64 characters of letters, digits, '-' and '_'");
        }

        @Override
        public String code() {
            return "invalid_client_msg_id";
        }
    }

    public static final class UnsupportedKind extends Refusal {
        UnsupportedKind() {
            super("Only text messages are supported");
        }

        @Override
        public String code() {
            return "unsupported_kind";
        }
    }

    /** The sender sends faster than the configured rate; the client should retry the same send a little later. */
    public static final class RateLimited extends Refusal implements RetryLater {
        RateLimited() {
            super("You are sending too fast; retry shortly");
        }

        @Override
        public String code() {
            return "rate_limited";
        }

        @Override
        public int status() {
            return 429;
        }

        @Override
        public long retryAfterSeconds() {
            return 1;
        }
    }

    /** The writer's queue is full; the client should retry the same send shortly. */
    public static final class Overloaded extends Refusal implements RetryLater {
        Overloaded() {
            super("The server is busy; retry shortly");
        }

        @Override
        public String code() {
            return "overloaded";
        }

        @Override
        public int status() {
            return 503;
        }

        @Override
        public long retryAfterSeconds() {
            return 1;
        }
    }

    /** The message could not be stored; it was not acknowledged and may be retried. */
    public static final class NotStored extends Refusal {
        NotStored() {
            super("The message could not be stored; retry it");
        }

        @Override
        public String code() {
            return "not_stored";
        }

        @Override
        public int status() {
            return 503;
        }
    }
}
