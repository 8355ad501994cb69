package dev.parley.conversation;

import dev.parley.account.Caller;
import dev.parley.account.UserDirectory;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/conversations")
class ConversationController {

    record DirectRequest(long userId) {}

    record ReadRequest(long seq) {}

    record Cursor(long conversationId, long seq) {}

    record UnreadTotal(long unread) {}

    private final Conversations conversations;
    private final UserDirectory users;

    ConversationController(Conversations conversations, UserDirectory users) {
        this.conversations = conversations;
        this.users = users;
    }

    @GetMapping
    List<ConversationSummary> list(Caller caller) {
        return conversations.list(caller.userId());
    }

    @GetMapping("/{conversationId}")
    ConversationSummary one(Caller caller, @PathVariable long conversationId) {
        return conversations.summary(conversationId, caller.userId());
    }

    @PostMapping("/direct")
    ConversationSummary direct(Caller caller, @RequestBody DirectRequest request) {
        users.byId(request.userId());
        long id = conversations.direct(caller.userId(), request.userId());
        return conversations.summary(id, caller.userId());
    }

    @PostMapping("/{conversationId}/read")
    Cursor read(Caller caller, @PathVariable long conversationId, @RequestBody ReadRequest request) {
        return new Cursor(conversationId, conversations.markRead(conversationId, caller.userId(), request.seq()));
    }

    @GetMapping("/unread")
    UnreadTotal unread(Caller caller) {
        return new UnreadTotal(conversations.unreadTotal(caller.userId()));
    }

    @PutMapping("/{conversationId}/pin")
    ConversationSummary pin(Caller caller, @PathVariable long conversationId) {
        return conversations.pin(conversationId, caller.userId(), true);
    }

    @DeleteMapping("/{conversationId}/pin")
    ConversationSummary unpin(Caller caller, @PathVariable long conversationId) {
        return conversations.pin(conversationId, caller.userId(), false);
    }

    @PutMapping("/{conversationId}/mute")
    ConversationSummary mute(Caller caller, @PathVariable long conversationId) {
        return conversations.mute(conversationId, caller.userId(), true);
    }

    @DeleteMapping("/{conversationId}/mute")
    ConversationSummary unmute(Caller caller, @PathVariable long conversationId) {
        return conversations.mute(conversationId, caller.userId(), false);
    }

    /** Clear history: hides every message so far from the caller only; the conversation stays in their list. */
    @PostMapping("/{conversationId}/clear")
    ConversationSummary clear(Caller caller, @PathVariable long conversationId) {
        return conversations.clearHistory(conversationId, caller.userId());
    }

    /** Deletes the conversation from the caller's list (and its history so far, for them); a new message brings it back. */
    @DeleteMapping("/{conversationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable long conversationId) {
        conversations.delete(conversationId, caller.userId());
    }
}
