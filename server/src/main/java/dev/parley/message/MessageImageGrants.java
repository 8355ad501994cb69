package dev.parley.message;

import dev.parley.conversation.Conversations;
import dev.parley.media.ChatImageGrants;
import org.springframework.stereotype.Component;

/** A chat image may be read by the members of every conversation it was sent to. */
@Component
class MessageImageGrants implements ChatImageGrants {

    private final MessageStore store;
    private final Conversations conversations;

    MessageImageGrants(MessageStore store, Conversations conversations) {
        this.store = store;
        this.conversations = conversations;
    }

    @Override
    public boolean mayRead(long userId, String mediaId) {
        return store.conversationsShowing(mediaId).stream()
                .anyMatch(conversationId -> conversations.isMember(conversationId, userId));
    }
}
