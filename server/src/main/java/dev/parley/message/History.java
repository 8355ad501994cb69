package dev.parley.message;

import dev.parley.conversation.Conversations;
import java.util.List;
import org.springframework.stereotype.Service;

/** Reading a conversation's log by seq range: how clients page back and fill gaps. */
@Service
class History {

    /** A page of messages in seq order; {@code hasMore} says whether the range holds more beyond it. */
    record Page(List<Message> messages, boolean hasMore) {}

    private final MessageStore store;
    private final Conversations conversations;
    private final int pageLimit;

    History(MessageStore store, Conversations conversations, MessageSettings settings) {
        this.store = store;
        this.conversations = conversations;
        this.pageLimit = settings.historyPageLimit();
    }

    /**
     * Messages visible to the user with {@code after < seq < before}: the oldest ones when {@code after} is given
     * (catching up, filling a gap), the newest ones otherwise (scrolling back). A member sees from where their history
     * starts (they joined, or cleared it); a former member up to where they left. A message the user deleted for
     * themselves keeps its place as a {@code deleted} stub, so that the seqs a client holds stay without gaps.
     */
    Page page(long userId, long conversationId, Long after, Long before, Integer limit) {
        var visible = conversations.visibility(conversationId, userId);
        long floor = Math.max(after == null ? 0 : after, visible.floor());
        long ceiling = Math.min(
                before == null ? Long.MAX_VALUE : before,
                visible.ceiling() == Long.MAX_VALUE ? Long.MAX_VALUE : visible.ceiling() + 1);
        int size = Math.clamp(limit == null ? pageLimit : limit, 1, pageLimit);
        boolean oldestFirst = after != null;
        var fetched = oldestFirst
                ? store.range(userId, conversationId, floor, ceiling, size + 1)
                : store.latest(userId, conversationId, floor, ceiling, size + 1);
        if (fetched.size() <= size) {
            return new Page(fetched, false);
        }
        var page = oldestFirst ? fetched.subList(0, size) : fetched.subList(1, fetched.size());
        return new Page(List.copyOf(page), true);
    }
}
