package dev.parley.account;

import java.time.Clock;
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
