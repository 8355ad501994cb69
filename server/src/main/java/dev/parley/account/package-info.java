/**
 * Accounts and device sessions: registration, login and logout, the opaque session tokens (stored
 * only as SHA-256 hashes), the list of a user's devices and their revocation, and the throttling of
 * failed logins. Owns the tables {@code users} and {@code device_sessions}.
 *
 * <p>Public API: {@link dev.parley.account.Authentication} resolves a token to a {@link
 * dev.parley.account.Caller}; {@link dev.parley.account.UserDirectory} looks users up; {@link
 * dev.parley.account.DeviceSessionEnded} tells other features that a device was logged out or
 * revoked.
 */
@NullMarked
package dev.parley.account;

import org.jspecify.annotations.NullMarked;
