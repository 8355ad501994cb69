package dev.parley.message;

import dev.parley.shared.Refusal;
import dev.parley.shared.RetryLater;

/** What the message feature refuses, each with its stable code. */
public final class MessageRefusals {

    private MessageRefusals() {}

    public static final class MessageTooLong extends Refusal {
        MessageTooLong(int max) {
            super("message_too_long", 413, "A message has at most " + max + " characters");
        }
    }

    public static final class EmptyMessage extends Refusal {
        EmptyMessage() {
            super("empty_message", 400, "A message needs some text");
        }
    }

    /** PostgreSQL cannot store U+0000 in text, so no database is asked to. */
    public static final class InvalidText extends Refusal {
        InvalidText() {
            super("invalid_text", 400, "A message cannot contain the NUL character (U+0000)");
        }
    }

    /** The image is unknown, or one the sender may not read. */
    public static final class UnknownImage extends Refusal {
        UnknownImage() {
            super("unknown_media", 404, "No such image");
        }
    }

    public static final class InvalidClientMsgId extends Refusal {
        InvalidClientMsgId() {
            super("invalid_client_msg_id", 400, "clientMsgId is 1 to 64 characters of letters, digits, '-' and '_'");
        }
    }

    /** The sender sends faster than the configured rate; the client should retry the same send a little later. */
    public static final class RateLimited extends Refusal implements RetryLater {
        RateLimited() {
            super("rate_limited", 429, "You are sending too fast; retry shortly");
        }

        @Override
        public long retryAfterSeconds() {
            return 1;
        }
    }

    /** The writer's queue is full; the client should retry the same send shortly. */
    public static final class Overloaded extends Refusal implements RetryLater {
        Overloaded() {
            super("overloaded", 503, "The server is busy; retry shortly");
        }

        @Override
        public long retryAfterSeconds() {
            return 1;
        }
    }

    /** The message could not be stored; it was not acknowledged and may be retried. */
    public static final class NotStored extends Refusal {
        NotStored() {
            super("not_stored", 503, "The message could not be stored; retry it");
        }
    }

    /** No such message, or one the caller cannot read (or may not act on). */
    public static final class UnknownMessage extends Refusal {
        UnknownMessage() {
            super("unknown_message", 404, "No such message");
        }
    }

    public static final class InvalidMention extends Refusal {
        InvalidMention(String message) {
            super("invalid_mention", 400, message);
        }
    }

    public static final class MentionAllNotAllowed extends Refusal {
        MentionAllNotAllowed() {
            super("not_allowed", 403, "Only a group's owner and admins may mention everyone");
        }
    }

    /** Only the sender may recall a message, and only within the recall window. */
    public static final class RecallNotAllowed extends Refusal {
        RecallNotAllowed(String message) {
            super("recall_not_allowed", 403, message);
        }
    }

    /** A search needs words to look for. */
    public static final class InvalidQuery extends Refusal {
        InvalidQuery(String message) {
            super("invalid_query", 400, message);
        }
    }
}
