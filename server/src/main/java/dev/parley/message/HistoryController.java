package dev.parley.message;

import dev.parley.account.Caller;
import dev.parley.conversation.Conversations;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HistoryController {

    private final History history;
    private final MessageActions actions;
    private final MessageSearch search;

    HistoryController(History history, MessageActions actions, MessageSearch search) {
        this.history = history;
        this.actions = actions;
        this.search = search;
    }

    /**
     * {@code ?after=N} returns the oldest messages after N (catching up, filling a gap; add {@code
     * before} to close the range); {@code ?before=N} or no range returns the newest ones (scrolling
     * back). Each page says whether there is more.
     */
    @GetMapping("/api/conversations/{conversationId}/messages")
    History.Page messages(
            Caller caller,
            @PathVariable long conversationId,
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Integer limit) {
        return history.page(caller.userId(), conversationId, after, before, limit);
    }

    /** Who of the members has read the message at seq (all but its sender, and those who joined after it). */
    @GetMapping("/api/conversations/{conversationId}/messages/{seq}/reads")
    Conversations.ReadState reads(Caller caller, @PathVariable long conversationId, @PathVariable long seq) {
        return actions.readState(caller.userId(), conversationId, seq);
    }

    /** Recalls the caller's own message; answers the {@code recalled} system message once it is stored. */
    @PostMapping("/api/messages/{messageId}/recall")
    CompletableFuture<Message> recall(Caller caller, @PathVariable long messageId) {
        return actions.recall(caller.userId(), messageId);
    }

    /** Deletes a message for the caller only. */
    @DeleteMapping("/api/messages/{messageId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable long messageId) {
        actions.deleteForMe(caller.userId(), messageId);
    }

    /** Searches the caller's history, newest first; {@code before} is the previous page's {@code nextBefore}. */
    @GetMapping("/api/messages/search")
    MessageSearch.Results search(
            Caller caller, @RequestParam(required = false) String q, @RequestParam(required = false) Long before) {
        return search.search(caller.userId(), q, before);
    }
}
