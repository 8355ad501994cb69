package dev.parley.social;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Cleaning of the short texts users type here: greetings and remarks. */
final class Texts {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Texts() {}

    /** The text without control characters and surrounding space; null if nothing is left. */
    static @Nullable String clean(@Nullable String text) {
        if (text == null) {
            return null;
        }
        var cleaned = CONTROL.matcher(text).replaceAll("").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    static boolean longerThan(String text, int maxCodePoints) {
        return text.length() > maxCodePoints && text.codePointCount(0, text.length()) > maxCodePoints;
    }
}
