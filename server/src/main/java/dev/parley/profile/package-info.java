/**
 * Profiles: the nickname, status line and avatar a user shows others, search by username or
 * nickname, and the personal add-friend code behind the user's QR code. Owns the table {@code
 * profiles}.
 *
 * <p>Public API: {@link dev.parley.profile.Profiles} and {@link dev.parley.profile.PublicProfile},
 * {@link dev.parley.profile.QrCodes};
 * event {@link dev.parley.profile.ProfileUpdated}.
 */
@NullMarked
package dev.parley.profile;

import org.jspecify.annotations.NullMarked;
