package dev.parley.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.conversation.Conversations;
import dev.parley.media.MediaLibrary;
import dev.parley.message.Message;
import dev.parley.message.SystemMessages;
import dev.parley.shared.Refusal;
import dev.parley.shared.Texts;
import dev.parley.social.Friendships;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Groups and what their members may do. Every change is checked twice: first against the cached roles, to refuse
 * early, then inside the transaction that stores its system message, against the roles as they are then (the
 * conversation's head row, its seq counter, is locked by that transaction), so that concurrent changes cannot break
 * a rule.
 */
@Service
class Groups {

    static final int MAX_NAME = 64;
    static final int MAX_ANNOUNCEMENT = 2000;
    private static final char[] TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A group as its members see it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Group(
            long id,
            String name,
            @Nullable String avatarId,
            @Nullable String announcement,
            long ownerId,
            List<Member> members,
            int maxMembers,
            boolean dissolved,
            long createdAt) {}

    record Member(long userId, String role) {}

    /** What a creator gives: a name, friends to add, optionally an avatar and an announcement. */
    record Creation(
            @Nullable String name,
            @Nullable List<Long> memberIds,
            @Nullable String avatarId,
            @Nullable String announcement) {}

    /** Changes to a group; a null field stays as it is, an empty announcement or avatar clears it. */
    record Changes(
            @Nullable String name,
            @Nullable String announcement,
            @Nullable String avatarId) {}

    /** An invite link's token, what it links to, and until when it works. */
    record Invite(String token, long groupId, long createdBy, long createdAt, long expiresAt) {}

    /** What anyone with an invite link sees before joining. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InvitePreview(
            String token,
            long groupId,
            String name,
            @Nullable String avatarId,
            int memberCount,
            long expiresAt) {}

    private final GroupRows rows;
    private final Conversations conversations;
    private final SystemMessages system;
    private final Friendships friendships;
    private final MediaLibrary images;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final GroupSettings settings;

    Groups(
            GroupRows rows,
            Conversations conversations,
            SystemMessages system,
            Friendships friendships,
            MediaLibrary images,
            TransactionTemplate transactions,
            Clock clock,
            GroupSettings settings) {
        this.rows = rows;
        this.conversations = conversations;
        this.system = system;
        this.friendships = friendships;
        this.images = images;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
    }

    /** Creates a group owned by the creator, with friends of theirs as members. */
    Group create(long creatorId, Creation creation) {
        var name = name(creation.name());
        var announcement = announcement(creation.announcement());
        var avatarId = avatar(creatorId, creation.avatarId());
        var members = new LinkedHashSet<>(creation.memberIds() == null ? List.of() : creation.memberIds());
        members.remove(creatorId);
        if (members.size() + 1 > settings.maxMembers()) {
            throw new GroupRefusals.GroupFull(settings.maxMembers());
        }
        members.forEach(member -> requireFriend(creatorId, member));
        long id = Objects.requireNonNull(transactions.execute(status -> {
            long opened = conversations.openGroupInTransaction(creatorId, name, avatarId, members);
            rows.insert(opened, announcement, creatorId, clock.millis());
            return opened;
        }));
        var data = new LinkedHashMap<String, Object>();
        data.put("name", name);
        data.put("userIds", List.copyOf(members));
        await(system.post(id, creatorId, "created", data, null));
        return group(id, creatorId);
    }

    /** The group, for one of its members. */
    Group group(long groupId, long viewerId) {
        requireMember(groupId, viewerId);
        var row = rows.find(groupId).orElseThrow(GroupRefusals.UnknownGroup::new);
        var look = conversations.look(groupId);
        var members = new ArrayList<Member>();
        long owner = 0;
        for (long member : conversations.members(groupId)) {
            var role = conversations.role(groupId, member);
            members.add(new Member(member, role == null ? Conversations.MEMBER : role));
            if (Conversations.OWNER.equals(role)) {
                owner = member;
            }
        }
        return new Group(
                groupId,
                look.title() == null ? "" : look.title(),
                look.avatarId(),
                row.announcement(),
                owner,
                members,
                settings.maxMembers(),
                row.dissolvedAt() != null,
                row.createdAt());
    }

    /** Renames the group, changes its announcement or avatar: for its owner and admins. */
    Group update(long actorId, long groupId, Changes changes) {
        requireManager(groupId, actorId);
        var data = new LinkedHashMap<String, Object>();
        var look = conversations.look(groupId);
        var name = changes.name() == null ? look.title() : name(changes.name());
        var avatarId = changes.avatarId() == null
                ? look.avatarId()
                : changes.avatarId().isEmpty() ? null : avatar(actorId, changes.avatarId());
        if (changes.name() != null) {
            data.put("name", name);
        }
        if (changes.avatarId() != null) {
            data.put("avatarId", avatarId == null ? "" : avatarId);
        }
        var announcement = changes.announcement() == null ? null : announcement(changes.announcement());
        if (changes.announcement() != null) {
            data.put("announcement", announcement == null ? "" : announcement);
        }
        if (data.isEmpty()) {
            return group(groupId, actorId);
        }
        await(system.post(groupId, actorId, "updated", data, seq -> {
            requireManagerNow(groupId, actorId);
            conversations.setLookInTransaction(groupId, Objects.requireNonNull(name), avatarId);
            if (changes.announcement() != null) {
                rows.announce(groupId, announcement);
            }
        }));
        return group(groupId, actorId);
    }

    /** Adds friends of the actor (an owner or admin) as members; their history starts with this. */
    Group add(long actorId, long groupId, List<Long> userIds) {
        requireManager(groupId, actorId);
        var adding = new LinkedHashSet<Long>();
        for (long userId : userIds) {
            if (!conversations.isMember(groupId, userId)) {
                requireFriend(actorId, userId);
                adding.add(userId);
            }
        }
        if (adding.isEmpty()) {
            return group(groupId, actorId);
        }
        await(system.post(groupId, actorId, "members_added", Map.of("userIds", List.copyOf(adding)), seq -> {
            var roster = requireManagerNow(groupId, actorId);
            adding.removeIf(roster::containsKey);
            if (roster.size() + adding.size() > settings.maxMembers()) {
                throw new GroupRefusals.GroupFull(settings.maxMembers());
            }
            adding.forEach(userId -> conversations.joinInTransaction(groupId, userId, Conversations.MEMBER, seq - 1));
        }));
        return group(groupId, actorId);
    }

    /**
     * Removes a member: the owner removes anyone else, an admin removes members only. The removed member gets the
     * message that says so, and nothing after it.
     */
    void remove(long actorId, long groupId, long userId) {
        requireManager(groupId, actorId);
        if (actorId == userId) {
            throw new GroupRefusals.NotAllowed("Leave the group instead of removing yourself");
        }
        await(system.post(
                groupId,
                actorId,
                "member_removed",
                Map.of("userId", userId),
                seq -> {
                    var roster = requireManagerNow(groupId, actorId);
                    var role = roster.get(userId);
                    if (role == null) {
                        throw new GroupRefusals.NotAMember(userId);
                    }
                    if (!Conversations.OWNER.equals(roster.get(actorId)) && !Conversations.MEMBER.equals(role)) {
                        throw new GroupRefusals.NotAllowed("Only the owner removes admins");
                    }
                    conversations.leaveInTransaction(groupId, userId, seq);
                },
                userId));
    }

    /** Leaves the group; the owner must transfer it or dissolve it instead. */
    void leave(long userId, long groupId) {
        requireMember(groupId, userId);
        if (Conversations.OWNER.equals(conversations.role(groupId, userId))) {
            throw new GroupRefusals.OwnerCannotLeave();
        }
        await(system.post(
                groupId,
                userId,
                "member_left",
                Map.of("userId", userId),
                seq -> {
                    var role = conversations.rosterInTransaction(groupId).get(userId);
                    if (role == null) {
                        throw new GroupRefusals.UnknownGroup();
                    }
                    if (Conversations.OWNER.equals(role)) {
                        throw new GroupRefusals.OwnerCannotLeave();
                    }
                    conversations.leaveInTransaction(groupId, userId, seq);
                },
                userId));
    }

    /** Makes a member an admin, or an admin a member again: for the owner. */
    Group setAdmin(long ownerId, long groupId, long userId, boolean admin) {
        requireOwner(groupId, ownerId);
        await(system.post(groupId, ownerId, admin ? "admin_added" : "admin_removed", Map.of("userId", userId), seq -> {
            var roster = requireOwnerNow(groupId, ownerId);
            var role = roster.get(userId);
            if (role == null) {
                throw new GroupRefusals.NotAMember(userId);
            }
            if (Conversations.OWNER.equals(role)) {
                throw new GroupRefusals.NotAllowed("The owner's role changes only by a transfer");
            }
            conversations.setRoleInTransaction(groupId, userId, admin ? Conversations.ADMIN : Conversations.MEMBER);
        }));
        return group(groupId, ownerId);
    }

    /** Hands the group to another member; the previous owner becomes an admin. */
    Group transfer(long ownerId, long groupId, long userId) {
        requireOwner(groupId, ownerId);
        if (userId == ownerId) {
            return group(groupId, ownerId);
        }
        var data = Map.of("userId", userId, "previousOwnerId", ownerId);
        await(system.post(groupId, ownerId, "owner_changed", data, seq -> {
            var roster = requireOwnerNow(groupId, ownerId);
            if (!roster.containsKey(userId)) {
                throw new GroupRefusals.NotAMember(userId);
            }
            conversations.setRoleInTransaction(groupId, userId, Conversations.OWNER);
            conversations.setRoleInTransaction(groupId, ownerId, Conversations.ADMIN);
        }));
        return group(groupId, ownerId);
    }

    /** Ends the group: nobody is a member any more; everyone keeps what they could read, up to this message. */
    void dissolve(long ownerId, long groupId) {
        requireOwner(groupId, ownerId);
        var everyone = conversations.members(groupId);
        await(system.post(
                groupId,
                ownerId,
                "dissolved",
                Map.of(),
                seq -> {
                    requireOwnerNow(groupId, ownerId);
                    rows.dissolve(groupId, clock.millis());
                    conversations.leaveAllInTransaction(groupId, seq);
                },
                everyone));
    }

    /** Creates an invite link that works for {@code ttl} (the default when null): for owners and admins. */
    Invite invite(long actorId, long groupId, @Nullable Duration ttl) {
        requireManager(groupId, actorId);
        var lifetime = ttl == null ? settings.inviteTtl() : ttl;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(settings.maxInviteTtl()) > 0) {
            throw new GroupRefusals.InvalidGroup("An invite link works for 1 second up to "
                    + settings.maxInviteTtl().toSeconds() + " seconds");
        }
        long now = clock.millis();
        var invite = new GroupRows.Invite(token(), groupId, actorId, now, now + lifetime.toMillis(), null);
        rows.insertInvite(invite);
        return invite(invite);
    }

    /** The group's invite links that still work: for owners and admins. */
    List<Invite> invites(long actorId, long groupId) {
        requireManager(groupId, actorId);
        return rows.liveInvites(groupId, clock.millis()).stream()
                .map(Groups::invite)
                .toList();
    }

    /** Stops an invite link from working: for owners and admins. */
    void revoke(long actorId, long groupId, String token) {
        requireManager(groupId, actorId);
        if (!rows.revoke(groupId, token, clock.millis())) {
            throw new GroupRefusals.UnknownInvite();
        }
    }

    /** What an invite link leads to, while it works. */
    InvitePreview preview(String token) {
        var invite = live(token);
        var look = conversations.look(invite.conversationId());
        return new InvitePreview(
                token,
                invite.conversationId(),
                look.title() == null ? "" : look.title(),
                look.avatarId(),
                conversations.members(invite.conversationId()).length,
                invite.expiresAt());
    }

    /** Joins the group an invite link leads to (a member who follows it again just gets the group). */
    Group join(long userId, String token) {
        var invite = live(token);
        long groupId = invite.conversationId();
        if (!conversations.isMember(groupId, userId)) {
            await(system.post(groupId, userId, "member_joined", Map.of("userId", userId, "via", "invite"), seq -> {
                var roster = conversations.rosterInTransaction(groupId);
                if (roster.containsKey(userId)) {
                    return;
                }
                if (roster.isEmpty()) {
                    throw new GroupRefusals.InviteEnded("group_dissolved", "The group was dissolved");
                }
                if (roster.size() + 1 > settings.maxMembers()) {
                    throw new GroupRefusals.GroupFull(settings.maxMembers());
                }
                conversations.joinInTransaction(groupId, userId, Conversations.MEMBER, seq - 1);
            }));
        }
        return group(groupId, userId);
    }

    /** Whether the user may manage the group's invites, for showing its QR codes. */
    void requireInviteManager(long actorId, long groupId, String token) {
        requireManager(groupId, actorId);
        var invite = rows.invite(token).orElseThrow(GroupRefusals.UnknownInvite::new);
        if (invite.conversationId() != groupId) {
            throw new GroupRefusals.UnknownInvite();
        }
    }

    private GroupRows.Invite live(String token) {
        var invite = rows.invite(token).orElseThrow(GroupRefusals.UnknownInvite::new);
        if (invite.revokedAt() != null) {
            throw new GroupRefusals.InviteEnded("invite_revoked", "This invite link was revoked");
        }
        if (invite.expiresAt() <= clock.millis()) {
            throw new GroupRefusals.InviteEnded("invite_expired", "This invite link has expired");
        }
        var group = rows.find(invite.conversationId()).orElseThrow(GroupRefusals.UnknownInvite::new);
        if (group.dissolvedAt() != null) {
            throw new GroupRefusals.InviteEnded("group_dissolved", "The group was dissolved");
        }
        return invite;
    }

    private static Invite invite(GroupRows.Invite row) {
        return new Invite(row.token(), row.conversationId(), row.createdBy(), row.createdAt(), row.expiresAt());
    }

    private void requireMember(long groupId, long userId) {
        try {
            if (conversations.isGroup(groupId) && conversations.isMember(groupId, userId)) {
                return;
            }
        } catch (Refusal unknown) {
            // an unknown conversation: the same answer as for a group the user is not in
        }
        throw new GroupRefusals.UnknownGroup();
    }

    private void requireManager(long groupId, long userId) {
        requireMember(groupId, userId);
        var role = conversations.role(groupId, userId);
        if (!Conversations.OWNER.equals(role) && !Conversations.ADMIN.equals(role)) {
            throw new GroupRefusals.NotAllowed("Only the group's owner and admins may do this");
        }
    }

    private void requireOwner(long groupId, long userId) {
        requireMember(groupId, userId);
        if (!Conversations.OWNER.equals(conversations.role(groupId, userId))) {
            throw new GroupRefusals.NotAllowed("Only the group's owner may do this");
        }
    }

    /** The roster as it is inside the transaction, after checking the actor still manages the group. */
    private Map<Long, String> requireManagerNow(long groupId, long actorId) {
        var roster = conversations.rosterInTransaction(groupId);
        var role = roster.get(actorId);
        if (role == null) {
            throw new GroupRefusals.UnknownGroup();
        }
        if (!Conversations.OWNER.equals(role) && !Conversations.ADMIN.equals(role)) {
            throw new GroupRefusals.NotAllowed("Only the group's owner and admins may do this");
        }
        return roster;
    }

    private Map<Long, String> requireOwnerNow(long groupId, long actorId) {
        var roster = requireManagerNow(groupId, actorId);
        if (!Conversations.OWNER.equals(roster.get(actorId))) {
            throw new GroupRefusals.NotAllowed("Only the group's owner may do this");
        }
        return roster;
    }

    private void requireFriend(long actorId, long userId) {
        if (!friendships.areFriends(actorId, userId)) {
            throw new GroupRefusals.NotAFriend(userId);
        }
    }

    private static String name(@Nullable String name) {
        var cleaned = Texts.clean(name);
        if (cleaned == null || Texts.longerThan(cleaned, MAX_NAME)) {
            throw new GroupRefusals.InvalidGroup("A group's name is 1 to " + MAX_NAME + " characters");
        }
        return cleaned;
    }

    private static @Nullable String announcement(@Nullable String announcement) {
        if (announcement == null || announcement.isBlank()) {
            return null;
        }
        var text = announcement.strip();
        if (Texts.longerThan(text, MAX_ANNOUNCEMENT) || text.indexOf('\u0000') >= 0) {
            throw new GroupRefusals.InvalidGroup("An announcement has at most " + MAX_ANNOUNCEMENT + " characters");
        }
        return text;
    }

    private @Nullable String avatar(long actorId, @Nullable String avatarId) {
        if (avatarId == null || avatarId.isEmpty()) {
            return null;
        }
        return images.find(avatarId)
                .filter(found -> images.mayRead(actorId, found.id()))
                .map(found -> found.id())
                .orElseThrow(() -> new GroupRefusals.InvalidGroup("No such image for the group's avatar"));
    }

    private static String token() {
        var token = new char[16];
        for (int i = 0; i < token.length; i++) {
            token[i] = TOKEN_ALPHABET[RANDOM.nextInt(TOKEN_ALPHABET.length)];
        }
        return new String(token);
    }

    /** Waits for a system message to be stored; rethrows its refusal as it is. */
    private static Message await(CompletableFuture<Message> stored) {
        try {
            return stored.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
