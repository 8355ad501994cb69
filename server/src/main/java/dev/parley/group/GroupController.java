package dev.parley.group;

import dev.parley.account.Caller;
import dev.parley.profile.QrCodes;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
class GroupController {

    record Members(@Nullable List<Long> userIds) {}

    record Transfer(long userId) {}

    /** How long the invite link works, in seconds; null: the default. */
    record InviteRequest(@Nullable Long expiresInSeconds) {}

    /** An invite and the link its QR code carries. */
    record InviteLink(String token, long groupId, long createdBy, long createdAt, long expiresAt, String link) {}

    private final Groups groups;
    private final QrCodes qrCodes;

    GroupController(Groups groups, QrCodes qrCodes) {
        this.groups = groups;
        this.qrCodes = qrCodes;
    }

    @PostMapping("/groups")
    @ResponseStatus(HttpStatus.CREATED)
    Groups.Group create(Caller caller, @RequestBody Groups.Creation creation) {
        return groups.create(caller.userId(), creation);
    }

    @GetMapping("/groups/{groupId}")
    Groups.Group group(Caller caller, @PathVariable long groupId) {
        return groups.group(groupId, caller.userId());
    }

    @PatchMapping("/groups/{groupId}")
    Groups.Group update(Caller caller, @PathVariable long groupId, @RequestBody Groups.Changes changes) {
        return groups.update(caller.userId(), groupId, changes);
    }

    @DeleteMapping("/groups/{groupId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void dissolve(Caller caller, @PathVariable long groupId) {
        groups.dissolve(caller.userId(), groupId);
    }

    @PostMapping("/groups/{groupId}/members")
    Groups.Group add(Caller caller, @PathVariable long groupId, @RequestBody Members members) {
        return groups.add(caller.userId(), groupId, members.userIds() == null ? List.of() : members.userIds());
    }

    @DeleteMapping("/groups/{groupId}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(Caller caller, @PathVariable long groupId, @PathVariable long userId) {
        groups.remove(caller.userId(), groupId, userId);
    }

    @PostMapping("/groups/{groupId}/leave")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void leave(Caller caller, @PathVariable long groupId) {
        groups.leave(caller.userId(), groupId);
    }

    @PutMapping("/groups/{groupId}/admins/{userId}")
    Groups.Group addAdmin(Caller caller, @PathVariable long groupId, @PathVariable long userId) {
        return groups.setAdmin(caller.userId(), groupId, userId, true);
    }

    @DeleteMapping("/groups/{groupId}/admins/{userId}")
    Groups.Group removeAdmin(Caller caller, @PathVariable long groupId, @PathVariable long userId) {
        return groups.setAdmin(caller.userId(), groupId, userId, false);
    }

    @PostMapping("/groups/{groupId}/owner")
    Groups.Group transfer(Caller caller, @PathVariable long groupId, @RequestBody Transfer transfer) {
        return groups.transfer(caller.userId(), groupId, transfer.userId());
    }

    @PostMapping("/groups/{groupId}/invites")
    @ResponseStatus(HttpStatus.CREATED)
    InviteLink invite(
            Caller caller,
            @PathVariable long groupId,
            @RequestBody(required = false) @Nullable InviteRequest request,
            ServerHttpRequest http) {
        var ttl = request == null || request.expiresInSeconds() == null
                ? null
                : Duration.ofSeconds(request.expiresInSeconds());
        return link(groups.invite(caller.userId(), groupId, ttl), http);
    }

    @GetMapping("/groups/{groupId}/invites")
    List<InviteLink> invites(Caller caller, @PathVariable long groupId, ServerHttpRequest http) {
        return groups.invites(caller.userId(), groupId).stream()
                .map(invite -> link(invite, http))
                .toList();
    }

    @DeleteMapping("/groups/{groupId}/invites/{token}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Caller caller, @PathVariable long groupId, @PathVariable String token) {
        groups.revoke(caller.userId(), groupId, token);
    }

    @GetMapping(value = "/groups/{groupId}/invites/{token}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qrPng(
            Caller caller, @PathVariable long groupId, @PathVariable String token, ServerHttpRequest http) {
        groups.requireInviteManager(caller.userId(), groupId, token);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .body(qrCodes.png(joinLink(http, token)));
    }

    @GetMapping(value = "/groups/{groupId}/invites/{token}/qr.svg", produces = "image/svg+xml")
    ResponseEntity<String> qrSvg(
            Caller caller, @PathVariable long groupId, @PathVariable String token, ServerHttpRequest http) {
        groups.requireInviteManager(caller.userId(), groupId, token);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .body(qrCodes.svg(joinLink(http, token)));
    }

    @GetMapping("/invites/{token}")
    Groups.InvitePreview preview(Caller caller, @PathVariable String token) {
        return groups.preview(token);
    }

    @PostMapping("/invites/{token}/join")
    Groups.Group join(Caller caller, @PathVariable String token) {
        return groups.join(caller.userId(), token);
    }

    private InviteLink link(Groups.Invite invite, ServerHttpRequest http) {
        return new InviteLink(
                invite.token(),
                invite.groupId(),
                invite.createdBy(),
                invite.createdAt(),
                invite.expiresAt(),
                joinLink(http, invite.token()));
    }

    /** The link an invite's QR code carries: {@code <server>/join/<token>}. */
    private String joinLink(ServerHttpRequest http, String token) {
        return qrCodes.publicBase(http) + "/join/" + token;
    }
}
