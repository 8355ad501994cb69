package dev.parley.social;

import dev.parley.shared.Refusal;

/** What the social feature refuses, each with its stable code. */
final class SocialRefusals {

    private SocialRefusals() {}

    /** A friend request to, or a block of, oneself. */
    static final class InvalidPeer extends Refusal {
        InvalidPeer(String why) {
            super("invalid_peer", 400, why);
        }
    }

    static final class GreetingTooLong extends Refusal {
        GreetingTooLong(int max) {
            super("greeting_too_long", 400, "A greeting has at most " + max + " characters");
        }
    }

    static final class RemarkTooLong extends Refusal {
        RemarkTooLong(int max) {
            super("remark_too_long", 400, "A remark has at most " + max + " characters");
        }
    }

    static final class AlreadyFriends extends Refusal {
        AlreadyFriends() {
            super("already_friends", 409, "You are friends already");
        }
    }

    /** The caller already asked this user and the request is still waiting for an answer. */
    static final class RequestPending extends Refusal {
        RequestPending() {
            super("request_pending", 409, "Your friend request to this user is still waiting for an answer");
        }
    }

    /** The caller blocked this user; only the caller, who knows it, ever gets this. */
    static final class YouBlockedThem extends Refusal {
        YouBlockedThem() {
            super("user_blocked", 409, "You blocked this user; unblock them first");
        }
    }

    /** No such request, or not one the caller may act on: the answer does not say which. */
    static final class UnknownFriendRequest extends Refusal {
        UnknownFriendRequest() {
            super("unknown_friend_request", 404, "No such friend request");
        }
    }

    /** The user is not in the caller's contacts. */
    static final class UnknownContact extends Refusal {
        UnknownContact() {
            super("unknown_contact", 404, "This user is not one of your friends");
        }
    }
}
