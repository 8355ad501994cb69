/**
 * Presence: who is online (has a live connection on this node) and when each user was last seen, told to their
 * friends and the members of their groups, with a privacy setting that hides the last-seen time. Owns the table
 * {@code presence}.
 */
@NullMarked
package dev.parley.presence;

import org.jspecify.annotations.NullMarked;
