package dev.parley.social;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The social feature's API for other features: who may send a one-to-one message to whom, and who
 * is whose friend.
 *
 * <p>Answers for a pair of users are cached; every change to a pair (friendship made or removed, block
 * or unblock) invalidates the pair after its transaction committed. Caffeine waits for a load in progress
 * before it invalidates, so no answer read before the commit survives it. The cache is per node.
 */
@Service
public class Friendships {

    /** What holds between two users; {@code low < high}. */
    private record Pair(long low, long high) {
        static Pair of(long a, long b) {
            return new Pair(Math.min(a, b), Math.max(a, b));
        }
    }

    private record State(boolean friends, boolean blocked) {}

    private final FriendshipRows friendships;
    private final Blocks blocks;
    private final boolean requireFriendship;
    private final Cache<Pair, State> states =
            Caffeine.newBuilder().maximumSize(200_000).build();

    Friendships(FriendshipRows friendships, Blocks blocks, SocialSettings settings) {
        this.friendships = friendships;
        this.blocks = blocks;
        this.requireFriendship = settings.requireFriendshipForDirectMessages();
    }

    /**
     * Whether {@code senderId} may send a one-to-one message to {@code peerId}: never if either blocked
     * the other; otherwise only if they are friends, unless the friendship rule is switched off
     * ({@code parley.social.require-friendship-for-direct-messages}).
     */
    public boolean mayMessage(long senderId, long peerId) {
        return allows(state(senderId, peerId));
    }

    /**
     * {@link #requireMayMessage} from the cache alone: false if the pair is not cached (nothing was checked), true if
     * the sender may message the peer. Never blocks.
     *
     * @throws NotFriends if the cache says the sender may not
     */
    public boolean requireMayMessageIfCached(long senderId, long peerId) {
        var state = states.getIfPresent(Pair.of(senderId, peerId));
        if (state != null && !allows(state)) {
            throw new NotFriends();
        }
        return state != null;
    }

    private boolean allows(State state) {
        return !state.blocked() && (state.friends() || !requireFriendship);
    }

    /** @throws NotFriends unless {@link #mayMessage} */
    public void requireMayMessage(long senderId, long peerId) {
        if (!mayMessage(senderId, peerId)) {
            throw new NotFriends();
        }
    }

    public boolean areFriends(long userId, long otherId) {
        return state(userId, otherId).friends();
    }

    /** The user's friends. */
    public Set<Long> friendsOf(long userId) {
        return Set.copyOf(friendships.friendIds(userId));
    }

    /** Forgets what is cached about the pair; call after the transaction that changed it committed. */
    void changed(long userId, long otherId) {
        states.invalidate(Pair.of(userId, otherId));
    }

    private State state(long userId, long otherId) {
        return states.get(
                Pair.of(userId, otherId),
                pair -> new State(
                        friendships.exists(pair.low(), pair.high()), blocks.eitherWay(pair.low(), pair.high())));
    }
}
