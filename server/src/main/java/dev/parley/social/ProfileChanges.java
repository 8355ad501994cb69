package dev.parley.social;

import dev.parley.profile.ProfileUpdated;
import dev.parley.shared.Notice;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells a user's friends' devices when the user changes their profile (the profile feature tells the user's own). */
@Component
class ProfileChanges {

    private final Friendships friendships;
    private final ApplicationEventPublisher events;

    ProfileChanges(Friendships friendships, ApplicationEventPublisher events) {
        this.friendships = friendships;
        this.events = events;
    }

    @EventListener
    void on(ProfileUpdated event) {
        var friends = friendships.friendsOf(event.profile().userId());
        if (!friends.isEmpty()) {
            events.publishEvent(new Notice(friends, "profile.updated", event.profile()));
        }
    }
}
