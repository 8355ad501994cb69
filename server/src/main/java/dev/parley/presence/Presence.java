package dev.parley.presence;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.conversation.Conversations;
import dev.parley.gateway.PresenceChanged;
import dev.parley.shared.Blocking;
import dev.parley.shared.Notice;
import dev.parley.social.Friendships;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Who is online and when users were last seen. A user is online while they have an authenticated connection; when
 * the last one closes, the time is kept as their last-seen time. Changes are pushed as {@code presence} events to
 * the user's friends and the members of their groups, who alone may ask for it. A user who hides their last-seen time
 * still shows as online.
 */
@Service
class Presence {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    /** What a user may see of another's presence; {@code lastSeenAt} is null while online or when hidden. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(long userId, boolean online, @Nullable Long lastSeenAt) {}

    record Settings(boolean hideLastSeen) {}

    private final Set<Long> online = ConcurrentHashMap.newKeySet();
    /** Per user, the last of their changes still being told; the next one runs after it. */
    private final Map<Long, CompletableFuture<Void>> telling = new ConcurrentHashMap<>();

    private volatile boolean closing;
    private final PresenceRows rows;
    private final Friendships friendships;
    private final Conversations conversations;
    private final ApplicationEventPublisher events;
    private final Blocking blocking;
    private final Clock clock;

    Presence(
            PresenceRows rows,
            Friendships friendships,
            Conversations conversations,
            ApplicationEventPublisher events,
            Blocking blocking,
            Clock clock) {
        this.rows = rows;
        this.friendships = friendships;
        this.conversations = conversations;
        this.events = events;
        this.blocking = blocking;
        this.clock = clock;
    }

    /**
     * The node is shutting down: everyone still online was last seen now, written at once while the database is
     * still open; the connections that close next change nothing.
     */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        closing = true;
        rows.seen(List.copyOf(online), clock.millis());
    }

    /**
     * Keeps the online set in step at once; the database write and the events run on a virtual thread, after those of
     * the user's earlier changes, so that friends hear a quick "online, offline" in that order and not the other way.
     */
    @EventListener
    void on(PresenceChanged change) {
        if (closing) {
            return;
        }
        long userId = change.userId();
        long now = clock.millis();
        if (change.online()) {
            online.add(userId);
        } else {
            online.remove(userId);
        }
        Runnable tell = () -> {
            try {
                if (!change.online()) {
                    rows.seen(userId, now);
                }
                var audience = audience(userId);
                if (!audience.isEmpty()) {
                    events.publishEvent(new Notice(audience, "presence", view(userId)));
                }
            } catch (RuntimeException failure) {
                log.warn("Presence of a user not told ({})", failure.toString());
            }
        };
        var told = telling.compute(
                userId,
                (user, earlier) -> earlier == null
                        ? CompletableFuture.runAsync(tell, blocking::execute)
                        : earlier.thenRunAsync(tell, blocking::execute));
        told.whenComplete((done, failure) -> telling.remove(userId, told));
    }

    /** The presence of those of the users the viewer may see: themselves, their friends, members of their groups. */
    List<View> of(long viewerId, Collection<Long> userIds) {
        var visible = audience(viewerId);
        visible.add(viewerId);
        return userIds.stream()
                .distinct()
                .filter(visible::contains)
                .map(this::view)
                .toList();
    }

    Settings settings(long userId) {
        return new Settings(rows.hidesLastSeen(userId));
    }

    Settings update(long userId, Settings settings) {
        rows.hideLastSeen(userId, settings.hideLastSeen());
        return settings(userId);
    }

    private View view(long userId) {
        if (online.contains(userId)) {
            return new View(userId, true, null);
        }
        var seen = rows.lastSeen(userId);
        return new View(userId, false, seen == null || seen.hidden() ? null : seen.at());
    }

    /** Friends and members of the user's groups, but not the user. */
    private Set<Long> audience(long userId) {
        var audience = new HashSet<>(friendships.friendsOf(userId));
        for (long group : conversations.groupsOf(userId)) {
            for (long member : conversations.members(group)) {
                audience.add(member);
            }
        }
        audience.remove(userId);
        return audience;
    }
}
