package dev.parley.social;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the social feature.
 *
 * @param requireFriendshipForDirectMessages whether a one-to-one message needs the two users to be friends;
 *     a block stops one-to-one messages either way
 * @param maxGreetingLength the longest greeting of a friend request, in Unicode code points (at most 100: the
 *     column holds no more)
 */
@ConfigurationProperties("parley.social")
record SocialSettings(boolean requireFriendshipForDirectMessages, int maxGreetingLength) {

    static final int MAX_GREETING_COLUMN = 100;

    SocialSettings {
        if (maxGreetingLength < 0 || maxGreetingLength > MAX_GREETING_COLUMN) {
            throw new IllegalArgumentException(
                    "parley.social.max-greeting-length must be between 0 and " + MAX_GREETING_COLUMN);
        }
    }
}
