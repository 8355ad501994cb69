package dev.parley.conversation;

import dev.parley.account.Caller;
import dev.parley.account.UserDirectory;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/conversations")
class ConversationController {

    record DirectRequest(long userId) {}

    record ReadRequest(long seq) {}

    record Cursor(long conversationId, long seq) {}

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
}
