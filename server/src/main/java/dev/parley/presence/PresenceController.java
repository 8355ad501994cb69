package dev.parley.presence;

import dev.parley.account.Caller;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PresenceController {

    private final Presence presence;

    PresenceController(Presence presence) {
        this.presence = presence;
    }

    /** The presence of those of the users the caller may see (friends, members of their groups, themselves). */
    @GetMapping("/api/presence")
    List<Presence.View> presence(Caller caller, @RequestParam List<Long> userIds) {
        return presence.of(caller.userId(), userIds);
    }

    @GetMapping("/api/presence/settings")
    Presence.Settings settings(Caller caller) {
        return presence.settings(caller.userId());
    }

    @PutMapping("/api/presence/settings")
    Presence.Settings update(Caller caller, @RequestBody Presence.Settings settings) {
        return presence.update(caller.userId(), settings);
    }
}
