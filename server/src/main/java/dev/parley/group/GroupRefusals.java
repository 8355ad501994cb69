package dev.parley.group;

import dev.parley.shared.Refusal;

/** What the group feature refuses, each with its stable code. */
final class GroupRefusals {

    private GroupRefusals() {}

    /** No group has this id, or the caller is not (or no longer) a member of it. */
    static final class UnknownGroup extends Refusal {
        UnknownGroup() {
            super("unknown_group", 404, "No such group, or you are not a member of it");
        }
    }

    /** The caller's role does not allow this. */
    static final class NotAllowed extends Refusal {
        NotAllowed(String message) {
            super("not_allowed", 403, message);
        }
    }

    static final class GroupFull extends Refusal {
        GroupFull(int max) {
            super("group_full", 409, "A group has at most " + max + " members");
        }
    }

    static final class InvalidGroup extends Refusal {
        InvalidGroup(String message) {
            super("invalid_group", 400, message);
        }
    }

    /** Only friends of the one who adds them can be added to a group. */
    static final class NotAFriend extends Refusal {
        NotAFriend(long userId) {
            super("not_friends", 403, "User " + userId + " is not your friend");
        }
    }

    static final class NotAMember extends Refusal {
        NotAMember(long userId) {
            super("unknown_member", 404, "User " + userId + " is not a member of this group");
        }
    }

    static final class OwnerCannotLeave extends Refusal {
        OwnerCannotLeave() {
            super("owner_cannot_leave", 409, "The owner transfers the group or dissolves it instead of leaving");
        }
    }

    static final class UnknownInvite extends Refusal {
        UnknownInvite() {
            super("unknown_invite", 404, "No such invite link");
        }
    }

    /** The invite link expired, was revoked, or its group was dissolved. */
    static final class InviteEnded extends Refusal {
        InviteEnded(String code, String message) {
            super(code, 410, message);
        }
    }
}
