/**
 * Conversations and their members: direct conversations (one per pair of users), membership (cached
 * for fan-out), the per-member cursors {@code read_seq}, {@code delivered_seq} and {@code
 * cleared_seq}, the conversation list with unread counts, and the allocation of each conversation's
 * gap-free {@code seq}. Owns the tables {@code conversations}, {@code conversation_heads}, {@code
 * members} and {@code member_cursors}.
 *
 * <p>Public API: {@link dev.parley.conversation.Conversations}; events {@link
 * dev.parley.conversation.CursorMoved}.
 */
@NullMarked
package dev.parley.conversation;

import org.jspecify.annotations.NullMarked;
