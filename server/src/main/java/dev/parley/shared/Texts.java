package dev.parley.shared;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The rules for short texts users type (names, status lines, greetings, remarks): lengths count characters. */
public final class Texts {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Texts() {}

    /** The text without control characters and surrounding space; null if nothing is left. */
    public static @Nullable String clean(@Nullable String text) {
        if (text == null) {
            return null;
        }
        var cleaned = CONTROL.matcher(text).replaceAll("").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** Whether the text has more than {@code maxCodePoints} Unicode characters. */
    public static boolean longerThan(String text, int maxCodePoints) {
        return text.length() > maxCodePoints && text.codePointCount(0, text.length()) > maxCodePoints;
    }
}
