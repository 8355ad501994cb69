package dev.parley.account;

import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Resolves a session token to the caller it belongs to; the gateway and the REST API both use it. */
@Service
public class Authentication {

    private final DeviceSessions sessions;
    private final Clock clock;
    private final long lastSeenResolutionMillis;

    Authentication(DeviceSessions sessions, AccountSettings settings, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
        this.lastSeenResolutionMillis = settings.lastSeenResolution().toMillis();
    }

    private static final String BEARER = "Bearer ";

    /** The token of an {@code Authorization: Bearer <token>} header, or null if the header is not one. */
    public static @Nullable String bearerToken(@Nullable String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorizationHeader.substring(BEARER.length()).strip();
    }

    /**
     * The caller that owns {@code token}; updates the device's last-seen time when it is stale.
     *
     * @throws Unauthenticated if the token is unknown, logged out or revoked
     */
    public Caller authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw new Unauthenticated();
        }
        var session = sessions.byTokenHash(Tokens.hash(token)).orElseThrow(Unauthenticated::new);
        long now = clock.millis();
        if (now - session.lastSeenAt() >= lastSeenResolutionMillis) {
            sessions.touch(session.id(), now);
        }
        return new Caller(session.userId(), session.id());
    }
}
