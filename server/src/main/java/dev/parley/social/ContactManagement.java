package dev.parley.social;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.account.UserDirectory;
import dev.parley.profile.Profiles;
import dev.parley.profile.PublicProfile;
import dev.parley.shared.Notice;
import dev.parley.shared.Texts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The contacts book: friends in display-name order, private remarks, removing friends, blocking and unblocking. */
@Service
class ContactManagement {

    static final int MAX_REMARK = 32;

    /**
     * A friend as the owner of the contacts book sees them.
     *
     * @param remark the owner's private name for the friend, or null
     * @param displayName the remark if set, else the nickname, else the username
     * @param initial the letter the contact is listed under: A to Z, or {@code #}
     * @param since when they became friends
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Contact(
            long userId,
            String username,
            @Nullable String nickname,
            @Nullable String status,
            @Nullable String avatarId,
            @Nullable String remark,
            String displayName,
            String initial,
            long since) {}

    /** A user the owner blocked. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Blocked(
            long userId,
            String username,
            @Nullable String nickname,
            @Nullable String avatarId,
            long blockedAt) {}

    /** Who removed whom; told to both. */
    record Removed(long userId, long friendId) {}

    private final FriendshipRows friendships;
    private final FriendRequests requests;
    private final Blocks blocks;
    private final Friendships cache;
    private final Profiles profiles;
    private final UserDirectory users;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ContactOrder order = new ContactOrder();

    ContactManagement(
            FriendshipRows friendships,
            FriendRequests requests,
            Blocks blocks,
            Friendships cache,
            Profiles profiles,
            UserDirectory users,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.friendships = friendships;
        this.requests = requests;
        this.blocks = blocks;
        this.cache = cache;
        this.profiles = profiles;
        this.users = users;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** The user's friends in contacts order (see {@link ContactOrder}), ties broken by user id. */
    List<Contact> contacts(long userId) {
        var rows = friendships.of(userId);
        var byUser = profiles.publicProfiles(
                rows.stream().map(FriendshipRows.Row::friendId).toList());
        var contacts = new ArrayList<Contact>(rows.size());
        for (var row : rows) {
            var profile = byUser.get(row.friendId());
            if (profile != null) {
                contacts.add(contact(row, profile));
            }
        }
        contacts.sort(Comparator.comparing(Contact::displayName, order.names()).thenComparingLong(Contact::userId));
        return contacts;
    }

    /** Sets (or, with null or blank, clears) the user's private remark for a friend. */
    Contact remark(long userId, long friendId, @Nullable String rawRemark) {
        var remark = Texts.clean(rawRemark);
        if (remark != null && Texts.longerThan(remark, MAX_REMARK)) {
            throw new SocialRefusals.RemarkTooLong(MAX_REMARK);
        }
        if (!friendships.setRemark(userId, friendId, remark)) {
            throw new SocialRefusals.UnknownContact();
        }
        var row = friendships.find(userId, friendId).orElseThrow(SocialRefusals.UnknownContact::new);
        var contact = contact(row, profiles.publicProfile(friendId));
        events.publishEvent(new Notice(Set.of(userId), "contact.updated", contact));
        return contact;
    }

    /** Ends the friendship on both sides. */
    void remove(long userId, long friendId) {
        if (!Objects.requireNonNull(transactions.execute(status -> friendships.deleteBoth(userId, friendId)))) {
            throw new SocialRefusals.UnknownContact();
        }
        cache.changed(userId, friendId);
        events.publishEvent(new Notice(Set.of(userId, friendId), "friend.removed", new Removed(userId, friendId)));
    }

    /**
     * Blocks a user: ends the friendship and drops the requests between the two. The blocked user is
     * told only what a removal, a decline or a cancellation would tell them. Blocking twice is harmless.
     */
    void block(long userId, long blockedId) {
        if (userId == blockedId) {
            throw new SocialRefusals.InvalidPeer("You cannot block yourself");
        }
        users.byId(blockedId);
        record Outcome(@Nullable FriendRequest request, boolean wereFriends) {}
        Outcome outcome;
        try {
            // the request goes before the friendship: a concurrent accept, which deletes the request first,
            // either loses the request to this block or has committed its friendship before it is deleted here
            outcome = transactions.execute(status -> {
                blocks.insert(userId, blockedId, clock.millis());
                var request = requests.between(userId, blockedId).filter(r -> requests.delete(r.id()));
                return new Outcome(request.orElse(null), friendships.deleteBoth(userId, blockedId));
            });
        } catch (DuplicateKeyException already) {
            return;
        }
        Objects.requireNonNull(outcome);
        cache.changed(userId, blockedId);
        var both = Set.of(userId, blockedId);
        var request = outcome.request();
        if (request != null) {
            var event = request.fromUserId() == blockedId ? "friend_request.declined" : "friend_request.cancelled";
            events.publishEvent(new Notice(both, event, request));
        }
        if (outcome.wereFriends()) {
            events.publishEvent(new Notice(both, "friend.removed", new Removed(userId, blockedId)));
        }
        events.publishEvent(new Notice(Set.of(userId), "block.added", Map.of("userId", blockedId)));
    }

    /** Unblocking someone not blocked is harmless. They do not become friends again. */
    void unblock(long userId, long blockedId) {
        if (blocks.delete(userId, blockedId)) {
            cache.changed(userId, blockedId);
            events.publishEvent(new Notice(Set.of(userId), "block.removed", Map.of("userId", blockedId)));
        }
    }

    List<Blocked> blocked(long userId) {
        var rows = blocks.of(userId);
        var byUser =
                profiles.publicProfiles(rows.stream().map(Blocks.Row::blockedId).toList());
        return rows.stream()
                .filter(row -> byUser.containsKey(row.blockedId()))
                .map(row -> {
                    var profile = byUser.get(row.blockedId());
                    return new Blocked(
                            profile.userId(),
                            profile.username(),
                            profile.nickname(),
                            profile.avatarId(),
                            row.createdAt());
                })
                .toList();
    }

    private Contact contact(FriendshipRows.Row row, PublicProfile profile) {
        var name = row.remark() != null ? row.remark() : profile.displayName();
        return new Contact(
                profile.userId(),
                profile.username(),
                profile.nickname(),
                profile.status(),
                profile.avatarId(),
                row.remark(),
                name,
                order.initial(name),
                row.createdAt());
    }
}
