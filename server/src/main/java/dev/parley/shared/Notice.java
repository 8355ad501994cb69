package dev.parley.shared;

import java.util.Set;

/**
 * Something users' devices should hear about at once: a friend request, a profile change. Publish it
 * as an application event; the gateway pushes it as one {@code event} frame ({@code {"type":"event",
 * "event": <event>, "data": <data>}}) to every connected device of each user. Like every push it is
 * a hint: what it reports can always be read again through the REST API.
 *
 * @param userIds the users whose devices hear it
 * @param event a stable dotted name, for example {@code friend_request.received}
 * @param data the event's payload, serialised as JSON
 */
public record Notice(Set<Long> userIds, String event, Object data) {}
