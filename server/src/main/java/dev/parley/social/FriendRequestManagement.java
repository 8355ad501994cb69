package dev.parley.social;

import dev.parley.account.UserDirectory;
import dev.parley.shared.Ids;
import dev.parley.shared.Notice;
import dev.parley.shared.Texts;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Friend requests: send, accept, decline, cancel, and the lists. At most one request waits between two
 * users; a user who asks someone who already asked them accepts that request. Accepting makes both
 * sides of the friendship in one transaction. Every change is told to both users' devices, except that
 * a user never hears of a request from someone they blocked.
 */
@Service
class FriendRequestManagement {

    /** The answer to a send: the request, and whether it made a friendship at once (a mutual request). */
    record Sent(FriendRequest request, boolean accepted) {}

    private static final int ATTEMPTS = 3;

    private final FriendRequests requests;
    private final FriendshipRows friendships;
    private final Blocks blocks;
    private final Friendships cache;
    private final UserDirectory users;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;
    private final int maxGreeting;

    FriendRequestManagement(
            FriendRequests requests,
            FriendshipRows friendships,
            Blocks blocks,
            Friendships cache,
            UserDirectory users,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Ids ids,
            Clock clock,
            SocialSettings settings) {
        this.requests = requests;
        this.friendships = friendships;
        this.blocks = blocks;
        this.cache = cache;
        this.users = users;
        this.transactions = transactions;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.maxGreeting = settings.maxGreetingLength();
    }

    /**
     * Sends a request from {@code fromId} to {@code toId}. A request to someone who blocked the sender
     * is stored and looks pending to the sender, but the recipient neither hears of it nor sees it.
     */
    Sent send(long fromId, long toId, String rawGreeting) {
        if (fromId == toId) {
            throw new SocialRefusals.InvalidPeer("You cannot send a friend request to yourself");
        }
        users.byId(toId);
        var greeting = Objects.requireNonNullElse(Texts.clean(rawGreeting), "");
        if (Texts.longerThan(greeting, maxGreeting)) {
            throw new SocialRefusals.GreetingTooLong(maxGreeting);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                var sent = transactions.execute(status -> sendInTransaction(fromId, toId, greeting));
                Objects.requireNonNull(sent);
                if (sent.accepted()) {
                    accepted(sent.request());
                } else {
                    var request = sent.request();
                    events.publishEvent(new Notice(Set.of(fromId), "friend_request.sent", request));
                    if (!blocks.exists(toId, fromId)) {
                        events.publishEvent(new Notice(Set.of(toId), "friend_request.received", request));
                    }
                }
                return sent;
            } catch (DuplicateKeyException raced) {
                // the other user sent theirs at the same moment: the next attempt finds it and accepts it
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private Sent sendInTransaction(long fromId, long toId, String greeting) {
        if (blocks.exists(fromId, toId)) {
            throw new SocialRefusals.YouBlockedThem();
        }
        if (friendships.exists(fromId, toId)) {
            throw new SocialRefusals.AlreadyFriends();
        }
        var waiting = requests.between(fromId, toId);
        if (waiting.isPresent()) {
            var earlier = waiting.get();
            if (earlier.fromUserId() == fromId) {
                throw new SocialRefusals.RequestPending();
            }
            if (!requests.delete(earlier.id())) {
                throw new DuplicateKeyException("the request was answered meanwhile");
            }
            friendships.insertBoth(fromId, toId, clock.millis());
            return new Sent(earlier, true);
        }
        var request = new FriendRequest(ids.next(), fromId, toId, greeting, clock.millis());
        requests.insert(request);
        return new Sent(request, false);
    }

    /** The recipient accepts: both become friends. */
    FriendRequest accept(long userId, long requestId) {
        var request = transactions.execute(status -> {
            var answered = answerable(userId, requestId);
            friendships.insertBoth(answered.toUserId(), answered.fromUserId(), clock.millis());
            return answered;
        });
        Objects.requireNonNull(request);
        accepted(request);
        return request;
    }

    /** The recipient declines; the sender may ask again. */
    FriendRequest decline(long userId, long requestId) {
        var request = transactions.execute(status -> answerable(userId, requestId));
        Objects.requireNonNull(request);
        notify(request, "friend_request.declined");
        return request;
    }

    /** The sender takes their request back. */
    FriendRequest cancel(long userId, long requestId) {
        var request = requests.byId(requestId)
                .filter(r -> r.fromUserId() == userId)
                .orElseThrow(SocialRefusals.UnknownFriendRequest::new);
        if (!requests.delete(requestId)) {
            throw new SocialRefusals.UnknownFriendRequest();
        }
        if (blocks.exists(request.toUserId(), userId)) {
            events.publishEvent(new Notice(Set.of(userId), "friend_request.cancelled", request));
        } else {
            notify(request, "friend_request.cancelled");
        }
        return request;
    }

    List<FriendRequest> incoming(long userId) {
        return requests.incoming(userId);
    }

    long incomingCount(long userId) {
        return requests.incomingCount(userId);
    }

    List<FriendRequest> outgoing(long userId) {
        return requests.outgoing(userId);
    }

    /** Deletes a request addressed to the user that they can see; must run in a transaction. */
    private FriendRequest answerable(long userId, long requestId) {
        var request = requests.byId(requestId)
                .filter(r -> r.toUserId() == userId && !blocks.exists(userId, r.fromUserId()))
                .orElseThrow(SocialRefusals.UnknownFriendRequest::new);
        if (!requests.delete(requestId)) {
            throw new SocialRefusals.UnknownFriendRequest();
        }
        return request;
    }

    private void accepted(FriendRequest request) {
        cache.changed(request.fromUserId(), request.toUserId());
        notify(request, "friend_request.accepted");
    }

    private void notify(FriendRequest request, String event) {
        events.publishEvent(new Notice(Set.of(request.fromUserId(), request.toUserId()), event, request));
    }
}
