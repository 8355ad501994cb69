package dev.parley.media;

import dev.parley.account.Caller;
import dev.parley.media.MediaRefusals.MediaTooLarge;
import dev.parley.media.MediaRefusals.MissingFile;
import dev.parley.media.MediaRefusals.TooManyIds;
import dev.parley.media.MediaRefusals.UnknownMedia;
import dev.parley.shared.Problems;
import dev.parley.shared.Uploads;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MediaController {

    record Description(String id, String purpose, String contentType, int width, int height, long bytes, Urls urls) {}

    record Urls(String original, String view, String thumbnail) {}

    static final int MAX_IDS = 100;
    private static final String PUBLIC_CACHE = "public, max-age=31536000, immutable";
    private static final String PRIVATE_CACHE = "private, max-age=31536000, immutable";

    private final MediaUploads uploads;
    private final MediaLibrary library;
    private final UrlSigner signer;
    private final MediaSettings settings;

    MediaController(MediaUploads uploads, MediaLibrary library, UrlSigner signer, MediaSettings settings) {
        this.uploads = uploads;
        this.library = library;
        this.signer = signer;
        this.settings = settings;
    }

    /** Parts are read here, on a virtual thread: the multipart layer has already spooled large ones to disk. */
    @PostMapping(path = "/api/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Description> upload(
            Caller caller,
            @RequestPart(name = "file", required = false) @Nullable Part file,
            @RequestPart(name = "purpose", required = false) @Nullable Part purpose) {
        if (file == null) {
            throw new MissingFile();
        }
        var bytes =
                Uploads.bytes(file, settings.maxBytesAsInt(), this::tooLarge).block();
        var image = uploads.upload(caller.userId(), purposeOf(purpose), bytes);
        return ResponseEntity.created(URI.create("/api/media/" + image.id())).body(describe(image));
    }

    private static String purposeOf(@Nullable Part purpose) {
        if (purpose == null) {
            return StoredImage.CHAT;
        }
        if (purpose instanceof FormFieldPart field) {
            return field.value().strip();
        }
        return "";
    }

    /**
     * The images among the ids (at most {@value #MAX_IDS}) that the caller may read, described as one would be, so that
     * a list of avatars or a page of chat images takes one request; the others are left out, as unknown ones are.
     */
    @GetMapping("/api/media")
    List<Description> describeAll(Caller caller, @RequestParam List<String> ids) {
        if (ids.size() > MAX_IDS) {
            throw new TooManyIds(MAX_IDS);
        }
        return library.findReadable(caller.userId(), ids).stream()
                .map(this::describe)
                .toList();
    }

    @GetMapping("/api/media/{id}")
    Description describe(Caller caller, @PathVariable String id) {
        return library.find(id)
                .filter(image -> library.mayRead(caller.userId(), image))
                .map(this::describe)
                .orElseThrow(UnknownMedia::new);
    }

    /** The bytes, for browsers: no Authorization header, the signature in the URL is the permission. */
    @GetMapping("/media/{id}/{variant}")
    ResponseEntity<byte[]> serve(
            @PathVariable String id,
            @PathVariable String variant,
            @RequestParam(name = "exp", required = false) @Nullable String expiry,
            @RequestParam(name = "sig", required = false) @Nullable String signature) {
        var wanted = Variant.fromPathName(variant).orElseThrow(UnknownMedia::new);
        signer.check(id, wanted, expiry == null ? "" : expiry, signature == null ? "" : signature);
        var served = library.read(id, wanted).orElseThrow(UnknownMedia::new);
        var image = served.image();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(image.contentType()))
                .header(
                        HttpHeaders.CACHE_CONTROL,
                        StoredImage.AVATAR.equals(image.purpose()) ? PUBLIC_CACHE : PRIVATE_CACHE)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                .body(served.bytes());
    }

    /**
     * The multipart layer refuses a part larger than {@code spring.webflux.multipart.max-disk-usage-per-part}, which
     * follows {@code parley.media.max-bytes}, before this controller sees it; the answer is the same as when the
     * controller finds the upload too large itself.
     */
    @ExceptionHandler(DataBufferLimitException.class)
    ResponseEntity<ProblemDetail> partTooLarge() {
        return Problems.of(tooLarge());
    }

    private MediaTooLarge tooLarge() {
        return new MediaTooLarge(settings.maxBytes().toBytes());
    }

    private Description describe(StoredImage image) {
        return new Description(
                image.id(),
                image.purpose(),
                image.contentType(),
                image.width(),
                image.height(),
                image.bytes(),
                new Urls(
                        signer.url(image.id(), Variant.ORIGINAL),
                        signer.url(image.id(), Variant.VIEW),
                        signer.url(image.id(), Variant.THUMBNAIL)));
    }
}
