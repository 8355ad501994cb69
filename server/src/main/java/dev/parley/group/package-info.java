/**
 * Groups: creating a group from friends, its name, avatar and announcement, the roles owner, admin and member and
 * what each may do, adding, removing and leaving, transferring ownership, dissolving, and invite links with QR codes.
 * Every membership change is a system message in the group's log, stored in the same transaction as the change (see
 * {@link dev.parley.message.SystemMessages}). Owns the tables {@code group_chats} and {@code group_invites}.
 */
@NullMarked
package dev.parley.group;

import org.jspecify.annotations.NullMarked;
