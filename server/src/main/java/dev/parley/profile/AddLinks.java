package dev.parley.profile;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The add-friend link a QR code carries: {@code <server>/add/<code>}. */
final class AddLinks {

    private static final Pattern LINK = Pattern.compile("^https?://[^/\\s]+/add/([a-z0-9]{4,32})/?$");

    private AddLinks() {}

    static String link(String base, String code) {
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/add/" + code;
    }

    /** The code in an add-friend link, or null if the text is not one. */
    static @Nullable String code(String text) {
        var matcher = LINK.matcher(text.strip());
        return matcher.matches() ? matcher.group(1) : null;
    }
}
