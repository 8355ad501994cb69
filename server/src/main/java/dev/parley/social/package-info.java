/**
 * Friends: friend requests (send with a greeting, accept, decline, cancel), the contacts book with each
 * side's private remark, removing friends, blocking, and the rule that one-to-one messages need a
 * friendship. Owns the tables {@code friend_requests}, {@code friendships} and {@code blocks}.
 *
 * <p>Nobody learns that they were blocked: what a blocked user sees (a friendship removed, a request
 * declined, messages refused with {@code not_friends}, new requests that seem to wait for an answer)
 * is what they would see had the other user removed them or ignored their request.
 *
 * <p>Public API: {@link dev.parley.social.Friendships} answers who may message whom and who is whose
 * friend; {@link dev.parley.social.NotFriends} is the refusal of a message to someone who is not a
 * friend. Every change is pushed to both users' devices as a {@link dev.parley.shared.Notice}.
 */
@NullMarked
package dev.parley.social;

import org.jspecify.annotations.NullMarked;
