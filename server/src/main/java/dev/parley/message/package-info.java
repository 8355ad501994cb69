/**
 * Messages: sending (validation, de-duplication on sender and {@code clientMsgId}, the group-commit
 * writer that stores concurrent sends in one transaction and acknowledges only after commit) and
 * history by {@code seq} range. The message log is the store of offline messages too. Owns the
 * table {@code messages}.
 *
 * <p>Public API: {@link dev.parley.message.MessageSending}, {@link dev.parley.message.Message};
 * event {@link dev.parley.message.MessagesStored}.
 */
@NullMarked
package dev.parley.message;

import org.jspecify.annotations.NullMarked;
