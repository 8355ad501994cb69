package dev.parley.conversation;

import dev.parley.shared.Refusal;

/** What the conversation feature refuses, each with its stable code. */
public final class ConversationRefusals {

    private ConversationRefusals() {}

    /** The caller is not a member of the conversation. */
    public static final class NotAMember extends Refusal {
        NotAMember() {
            super("You are not a member of this conversation");
        }

        @Override
        public String code() {
            return "not_a_member";
        }

        @Override
        public int status() {
            return 403;
        }
    }

    /** No conversation has this id. */
    public static final class UnknownConversation extends Refusal {
        UnknownConversation() {
            super("No such conversation");
        }

        @Override
        public String code() {
            return "unknown_conversation";
        }

        @Override
        public int status() {
            return 404;
        }
    }

    /** A direct conversation needs two different users. */
    public static final class InvalidPeer extends Refusal {
        InvalidPeer() {
            super("A direct conversation is between two different users");
        }

        @Override
        public String code() {
            return "invalid_peer";
        }
    }
}
