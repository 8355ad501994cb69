package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.media.MediaRefusals.ExpiredLink;
import dev.parley.media.MediaRefusals.InvalidSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

class UrlSignerTests {

    private static final byte[] KEY = "a key for the tests".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final UrlSigner signer = signerAt(NOW);

    @Test
    void signedUrlPassesItsOwnCheck() {
        var url = signer.url("42", Variant.VIEW);
        assertThat(url).startsWith("/media/42/view?exp=");
        var query = UriComponentsBuilder.fromUriString(url).build().getQueryParams();
        signer.check("42", Variant.VIEW, query.getFirst("exp"), query.getFirst("sig"));
    }

    @Test
    void signatureIsScopedToOneObjectAndVariant() {
        long exp = signer.expiry();
        var signature = signer.signature("42", Variant.THUMBNAIL, exp);
        assertThatThrownBy(() -> signer.check("43", Variant.THUMBNAIL, Long.toString(exp), signature))
                .isInstanceOf(InvalidSignature.class);
        assertThatThrownBy(() -> signer.check("42", Variant.ORIGINAL, Long.toString(exp), signature))
                .isInstanceOf(InvalidSignature.class);
        assertThatThrownBy(() -> signer.check("42", Variant.THUMBNAIL, Long.toString(exp + 3600), signature))
                .isInstanceOf(InvalidSignature.class);
        assertThatThrownBy(() -> signer.check("42", Variant.THUMBNAIL, "soon", signature))
                .isInstanceOf(InvalidSignature.class);
        assertThatThrownBy(() -> signer.check("42", Variant.THUMBNAIL, Long.toString(exp), ""))
                .isInstanceOf(InvalidSignature.class);
    }

    @Test
    void anotherKeyMakesAnotherSignature() {
        var other = new UrlSigner(
                "another key".getBytes(StandardCharsets.UTF_8), Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
        long exp = signer.expiry();
        assertThatThrownBy(() ->
                        signer.check("42", Variant.VIEW, Long.toString(exp), other.signature("42", Variant.VIEW, exp)))
                .isInstanceOf(InvalidSignature.class);
    }

    @Test
    void linkIsValidForAtLeastItsLifetimeAndThenExpires() {
        long exp = signer.expiry();
        var signature = signer.signature("42", Variant.ORIGINAL, exp);
        assertThat(exp - NOW.getEpochSecond()).isBetween(3600L, 7200L);
        signerAt(NOW.plus(Duration.ofMinutes(59))).check("42", Variant.ORIGINAL, Long.toString(exp), signature);
        assertThatThrownBy(() -> signerAt(Instant.ofEpochSecond(exp))
                        .check("42", Variant.ORIGINAL, Long.toString(exp), signature))
                .isInstanceOf(ExpiredLink.class);
    }

    @Test
    void linksIssuedWithinOneWindowAreIdenticalSoBrowsersCacheThem() {
        var windowStart = Instant.ofEpochSecond(NOW.getEpochSecond() / 3600 * 3600);
        assertThat(signerAt(windowStart).url("7", Variant.VIEW))
                .isEqualTo(signerAt(windowStart.plusSeconds(3599)).url("7", Variant.VIEW));
    }

    private static UrlSigner signerAt(Instant now) {
        return new UrlSigner(KEY, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
    }
}
