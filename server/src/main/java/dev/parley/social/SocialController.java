package dev.parley.social;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.account.Caller;
import dev.parley.profile.Profiles;
import dev.parley.profile.PublicProfile;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
@RequestMapping("/api")
class SocialController {

    record NewRequest(long toUserId, @Nullable String greeting) {}

    record RemarkChange(@Nullable String remark) {}

    record Count(long count) {}

    /**
     * A friend request as one of its two users sees it.
     *
     * @param status {@code pending}, or {@code accepted} when sending it accepted the other user's request
     * @param user the other user's public profile
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RequestView(
            long id,
            long fromUserId,
            long toUserId,
            String greeting,
            long createdAt,
            String status,
            @Nullable PublicProfile user) {}

    private final FriendRequestManagement requests;
    private final ContactManagement contacts;
    private final Profiles profiles;

    SocialController(FriendRequestManagement requests, ContactManagement contacts, Profiles profiles) {
        this.requests = requests;
        this.contacts = contacts;
        this.profiles = profiles;
    }

    @PostMapping("/friend-requests")
    ResponseEntity<RequestView> send(Caller caller, @RequestBody NewRequest request) {
        var sent = requests.send(caller.userId(), request.toUserId(), request.greeting());
        var status = sent.accepted() ? HttpStatus.OK : HttpStatus.CREATED;
        return ResponseEntity.status(status)
                .body(view(caller, sent.request(), sent.accepted() ? "accepted" : "pending"));
    }

    @GetMapping("/friend-requests/incoming")
    List<RequestView> incoming(Caller caller) {
        return views(caller, requests.incoming(caller.userId()));
    }

    @GetMapping("/friend-requests/incoming/count")
    Count incomingCount(Caller caller) {
        return new Count(requests.incomingCount(caller.userId()));
    }

    @GetMapping("/friend-requests/outgoing")
    List<RequestView> outgoing(Caller caller) {
        return views(caller, requests.outgoing(caller.userId()));
    }

    @PostMapping("/friend-requests/{requestId}/accept")
    RequestView accept(Caller caller, @PathVariable long requestId) {
        return view(caller, requests.accept(caller.userId(), requestId), "accepted");
    }

    @PostMapping("/friend-requests/{requestId}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void decline(Caller caller, @PathVariable long requestId) {
        requests.decline(caller.userId(), requestId);
    }

    @DeleteMapping("/friend-requests/{requestId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(Caller caller, @PathVariable long requestId) {
        requests.cancel(caller.userId(), requestId);
    }

    @GetMapping("/contacts")
    List<ContactManagement.Contact> contacts(Caller caller) {
        return contacts.contacts(caller.userId());
    }

    @PutMapping("/contacts/{userId}/remark")
    ContactManagement.Contact remark(Caller caller, @PathVariable long userId, @RequestBody RemarkChange change) {
        return contacts.remark(caller.userId(), userId, change.remark());
    }

    @DeleteMapping("/contacts/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(Caller caller, @PathVariable long userId) {
        contacts.remove(caller.userId(), userId);
    }

    @GetMapping("/blocks")
    List<ContactManagement.Blocked> blocks(Caller caller) {
        return contacts.blocked(caller.userId());
    }

    @PutMapping("/blocks/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void block(Caller caller, @PathVariable long userId) {
        contacts.block(caller.userId(), userId);
    }

    @DeleteMapping("/blocks/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unblock(Caller caller, @PathVariable long userId) {
        contacts.unblock(caller.userId(), userId);
    }

    private RequestView view(Caller caller, FriendRequest request, String status) {
        var other = request.other(caller.userId());
        return view(request, status, profiles.publicProfiles(List.of(other)).get(other));
    }

    private List<RequestView> views(Caller caller, List<FriendRequest> list) {
        var others = profiles.publicProfiles(
                list.stream().map(r -> r.other(caller.userId())).toList());
        return list.stream()
                .map(r -> view(r, "pending", others.get(r.other(caller.userId()))))
                .toList();
    }

    private static RequestView view(FriendRequest request, String status, @Nullable PublicProfile user) {
        return new RequestView(
                request.id(),
                request.fromUserId(),
                request.toUserId(),
                request.greeting(),
                request.createdAt(),
                status,
                user);
    }
}
