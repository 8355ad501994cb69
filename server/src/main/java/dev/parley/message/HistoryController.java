package dev.parley.message;

import dev.parley.account.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HistoryController {

    private final History history;

    HistoryController(History history) {
        this.history = history;
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
}
