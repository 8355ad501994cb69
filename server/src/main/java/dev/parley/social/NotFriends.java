package dev.parley.social;

import dev.parley.shared.Refusal;

/**
 * A one-to-one message to someone who is not a friend, or between two users one of whom blocked the
 * other. The answer is the same in every case, so a blocked user cannot tell that they were blocked.
 */
public final class NotFriends extends Refusal {

    NotFriends() {
        super("not_friends", 403, "You can send one-to-one messages only to your friends");
    }
}
