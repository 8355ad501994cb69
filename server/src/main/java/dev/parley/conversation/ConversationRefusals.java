package dev.parley.conversation;

import dev.parley.shared.Refusal;

/** What the conversation feature refuses, each with its stable code. */
public final class ConversationRefusals {

    private ConversationRefusals() {}

    /** The caller is not a member of the conversation. */
    public static final class NotAMember extends Refusal {
        NotAMember() {
            super("not_a_member", 403, "You are not a member of this conversation");
        }
    }

    /** No conversation has this id. */
    public static final class UnknownConversation extends Refusal {
        UnknownConversation() {
            super("unknown_conversation", 404, "No such conversation");
        }
    }

    /** A direct conversation needs two different users. */
    public static final class InvalidPeer extends Refusal {
        InvalidPeer() {
            super("invalid_peer", 400, "A direct conversation is between two different users");
        }
    }
}
