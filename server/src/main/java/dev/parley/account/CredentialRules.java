package dev.parley.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules for usernames and passwords (documented in docs/operations.md).
 *
 * <p>Usernames are 3 to 32 characters, a letter first, then letters, digits, {@code _} or {@code .};
 * they are compared case-insensitively and stored in lower case. Passwords are 8 to 128 characters,
 * must not contain the username, must not be one character repeated, and must not be on the list of
 * the most common passwords.
 */
final class CredentialRules {

    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 128;
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9_.]{2,31}");
    private static final Set<String> COMMON_PASSWORDS = load("common-passwords.txt");

    private CredentialRules() {}

    /** The canonical (lower-case) form of a valid username. */
    static String username(String raw) {
        var username = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw new Refusals.InvalidUsername();
        }
        return username;
    }

    static void checkPassword(String password, String username) {
        if (password == null) {
            throw new Refusals.WeakPassword("A password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD_LENGTH) {
            throw new Refusals.WeakPassword("A password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (length > MAX_PASSWORD_LENGTH) {
            throw new Refusals.WeakPassword("A password has at most " + MAX_PASSWORD_LENGTH + " characters");
        }
        var lower = password.toLowerCase(Locale.ROOT);
        if (lower.contains(username)) {
            throw new Refusals.WeakPassword("A password must not contain the username");
        }
        if (password.codePoints().distinct().count() == 1) {
            throw new Refusals.WeakPassword("A password must not be one character repeated");
        }
        if (COMMON_PASSWORDS.contains(lower)) {
            throw new Refusals.WeakPassword("That password is one of the most common ones");
        }
    }

    private static Set<String> load(String resource) {
        var stream = Objects.requireNonNull(CredentialRules.class.getResourceAsStream(resource), resource);
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
