package dev.parley.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The policy the web client is served under. Scripts come only from this server, except the page's import map: an
 * import map must be inline, so the policy allows exactly its bytes by their SHA-256 hash, computed from the page.
 */
final class ContentSecurityPolicy {

    static final String HEADER = "Content-Security-Policy";

    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", Pattern.DOTALL);

    private ContentSecurityPolicy() {}

    /** The policy for a page whose inline scripts (the import map) are in {@code page}. */
    static String forPage(String page) {
        var hashes = new StringBuilder();
        for (var hash : inlineScriptHashes(page)) {
            hashes.append(" '").append(hash).append('\'');
        }
        return "default-src 'self'; script-src 'self'" + hashes
                + "; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self';"
                + " worker-src 'self'; manifest-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self';"
                + " form-action 'self'; frame-ancestors 'none'";
    }

    static String forPage(InputStream page) throws IOException {
        try (page) {
            return forPage(new String(page.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** {@code sha256-…} for the text of every inline script of the page, as browsers hash them. */
    static List<String> inlineScriptHashes(String page) {
        var hashes = new ArrayList<String>();
        var matcher = INLINE_SCRIPT.matcher(page);
        while (matcher.find()) {
            hashes.add("sha256-" + sha256(matcher.group(1)));
        }
        return hashes;
    }

    private static String sha256(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
