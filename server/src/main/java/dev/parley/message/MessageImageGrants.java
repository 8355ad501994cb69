package dev.parley.message;

import dev.parley.conversation.Conversations;
import dev.parley.media.ChatImageGrants;
import dev.parley.media.MediaReferences;
import java.util.Collection;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A chat image may be read by the members of every conversation it was sent to, and is kept while a message shows it
 * (a recalled message no longer does).
 */
@Component
class MessageImageGrants implements ChatImageGrants, MediaReferences {

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

    @Override
    public Set<String> referenced(Collection<String> mediaIds) {
        return store.imagesShown(mediaIds);
    }
}
