package dev.parley.media;

import dev.parley.media.MediaRefusals.ExpiredLink;
import dev.parley.media.MediaRefusals.InvalidSignature;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks media URLs: {@code /media/{id}/{variant}?exp=…&sig=…}, where {@code sig} is the HMAC-SHA256 of
 * id, variant and expiry (epoch seconds) under the server's key, base64url without padding.
 *
 * <p>The expiry is rounded up to the end of the next lifetime window, so a link is valid for at least the lifetime
 * and less than twice it, and links to the same image issued within one window are identical: browsers cache the
 * image once instead of once per request.
 */
final class UrlSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final long lifetimeSeconds;
    private final Clock clock;

    UrlSigner(byte[] key, Duration lifetime, Clock clock) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.lifetimeSeconds = Math.max(1, lifetime.toSeconds());
        this.clock = clock;
    }

    String url(String id, Variant variant) {
        long expiry = expiry();
        return "/media/" + id + "/" + variant.pathName() + "?exp=" + expiry + "&sig=" + signature(id, variant, expiry);
    }

    long expiry() {
        long now = clock.instant().getEpochSecond();
        return (now / lifetimeSeconds + 2) * lifetimeSeconds;
    }

    /** Refuses a link whose signature does not match (whatever its expiry) or that has expired. */
    void check(String id, Variant variant, String expiry, String signature) {
        long exp;
        try {
            exp = Long.parseLong(expiry);
        } catch (NumberFormatException e) {
            throw new InvalidSignature();
        }
        var expected = signature(id, variant, exp).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidSignature();
        }
        if (exp <= clock.instant().getEpochSecond()) {
            throw new ExpiredLink();
        }
    }

    String signature(String id, Variant variant, long expiry) {
        try {
            var mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            var signed = mac.doFinal((id + "/" + variant.pathName() + "/" + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
