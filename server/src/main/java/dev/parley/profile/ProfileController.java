package dev.parley.profile;

import dev.parley.account.Caller;
import dev.parley.shared.Blocking;
import dev.parley.shared.Uploads;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api")
class ProfileController {

    /** The add-friend code and the link the QR code encodes. */
    record AddCode(String code, String link) {}

    /** What a photo's QR code says, and whose add-friend code it is when it is one. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Decoded(
            String text, @org.jspecify.annotations.Nullable PublicProfile profile) {}

    static final int MAX_PROFILES = 200;

    private final Profiles profiles;
    private final QrCodes qrCodes;
    private final ProfileSettings settings;
    private final Blocking blocking;

    ProfileController(Profiles profiles, QrCodes qrCodes, ProfileSettings settings, Blocking blocking) {
        this.profiles = profiles;
        this.qrCodes = qrCodes;
        this.settings = settings;
        this.blocking = blocking;
    }

    @GetMapping("/profile")
    Profiles.MyProfile mine(Caller caller) {
        return profiles.mine(caller.userId());
    }

    @PatchMapping("/profile")
    Profiles.MyProfile update(Caller caller, @RequestBody Profiles.Changes changes) {
        return profiles.update(caller.userId(), changes);
    }

    @GetMapping("/users/{userId}/profile")
    PublicProfile profile(Caller caller, @PathVariable long userId) {
        return profiles.publicProfile(userId);
    }

    /** The public profiles of the users among the ids (at most {@value #MAX_PROFILES}), for drawing a list at once. */
    @GetMapping("/users/profiles")
    java.util.Collection<PublicProfile> profiles(Caller caller, @RequestParam java.util.List<Long> ids) {
        if (ids.size() > MAX_PROFILES) {
            throw new ProfileRefusals.TooManyIds(MAX_PROFILES);
        }
        return profiles.publicProfiles(ids).values();
    }

    @GetMapping("/users/search")
    Profiles.SearchPage search(Caller caller, @RequestParam String q, @RequestParam(defaultValue = "0") int page) {
        return profiles.search(q, Math.max(0, page));
    }

    @GetMapping("/profile/add-code")
    AddCode addCode(Caller caller, ServerHttpRequest request) {
        var code = profiles.addCode(caller.userId());
        return new AddCode(code, link(request, code));
    }

    @PostMapping("/profile/add-code/reset")
    AddCode resetAddCode(Caller caller, ServerHttpRequest request) {
        var code = profiles.resetAddCode(caller.userId());
        return new AddCode(code, link(request, code));
    }

    @GetMapping(value = "/profile/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qrPng(Caller caller, ServerHttpRequest request) {
        var link = link(request, profiles.addCode(caller.userId()));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .body(qrCodes.png(link));
    }

    @GetMapping(value = "/profile/qr.svg", produces = "image/svg+xml")
    ResponseEntity<String> qrSvg(Caller caller, ServerHttpRequest request) {
        var link = link(request, profiles.addCode(caller.userId()));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .body(qrCodes.svg(link));
    }

    @GetMapping("/add-codes/{code}")
    PublicProfile resolve(Caller caller, @PathVariable String code) {
        return profiles.byAddCode(code);
    }

    @PostMapping(value = "/qr/decode", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<Decoded> decode(Caller caller, @RequestPart("file") Mono<FilePart> file) {
        return file.flatMap(part -> Uploads.bytes(
                        part,
                        settings.maxQrUploadBytes(),
                        () -> new ProfileRefusals.UnreadableImage(
                                "A photo for QR decoding has at most " + settings.maxQrUploadBytes() + " bytes")))
                .flatMap(bytes -> blocking.call(() -> {
                    var text = qrCodes.decode(bytes);
                    var code = AddLinks.code(text);
                    return new Decoded(text, code == null ? null : profiles.byAddCode(code));
                }));
    }

    private String link(ServerHttpRequest request, String code) {
        return AddLinks.link(qrCodes.publicBase(request), code);
    }
}
