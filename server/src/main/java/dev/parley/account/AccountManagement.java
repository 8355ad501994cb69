package dev.parley.account;

import dev.parley.shared.Ids;
import dev.parley.shared.Texts;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Registration, login, logout and device revocation. */
@Service
class AccountManagement {

    static final int MAX_DEVICE_NAME_LENGTH = 64;

    record Registered(long id, String username) {}

    record LoggedIn(String token, long userId, long deviceId, String username) {}

    private final Users users;
    private final DeviceSessions sessions;
    private final LoginThrottle throttle;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;
    /** Verified against when the username is unknown, so that a miss takes as long as a wrong password. */
    private final String decoyHash;

    AccountManagement(
            Users users,
            DeviceSessions sessions,
            LoginThrottle throttle,
            AccountSettings settings,
            ApplicationEventPublisher events,
            Ids ids,
            Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.passwords = new Argon2PasswordEncoder(16, 32, 1, settings.argon2MemoryKib(), settings.argon2Iterations());
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.decoyHash = passwords.encode(Tokens.newToken());
    }

    Registered register(String rawUsername, String password, String address) {
        var username = CredentialRules.username(rawUsername);
        CredentialRules.checkPassword(password, username);
        throttle.registering(address);
        long id = ids.next();
        try {
            users.insert(id, username, passwords.encode(password), clock.millis());
        } catch (DuplicateKeyException e) {
            throw new Refusals.UsernameTaken();
        }
        return new Registered(id, username);
    }

    /**
     * Whether an account has this username. Registration tells as much ({@code username_taken}); the lookups
     * count against the address's failed-login allowance, so that they cannot be used to list users quickly.
     */
    boolean exists(String rawUsername, String address) {
        throttle.lookingUp(address);
        return users.byUsername(normalised(rawUsername)).isPresent();
    }

    static String normalised(@Nullable String rawUsername) {
        return rawUsername == null ? "" : rawUsername.strip().toLowerCase(Locale.ROOT);
    }

    LoggedIn login(String rawUsername, String password, String deviceName, String address) {
        var username = normalised(rawUsername);
        throttle.checkAllowed(username, address);
        var user = users.byUsername(username);
        var hash = user.map(Users.Row::passwordHash).orElse(decoyHash);
        boolean matches = password != null && passwords.matches(password, hash);
        if (user.isEmpty() || !matches) {
            throttle.failed(username, address);
            throw new Refusals.InvalidCredentials();
        }
        var token = Tokens.newToken();
        long deviceId = ids.next();
        sessions.insert(deviceId, user.get().id(), Tokens.hash(token), deviceName(deviceName), clock.millis());
        return new LoggedIn(token, user.get().id(), deviceId, username);
    }

    void logout(Caller caller) {
        if (sessions.delete(caller.deviceId(), caller.userId())) {
            events.publishEvent(
                    new DeviceSessionEnded(caller.userId(), caller.deviceId(), DeviceSessionEnded.Reason.LOGGED_OUT));
        }
    }

    List<DeviceSessions.Device> devices(Caller caller) {
        return sessions.ofUser(caller.userId());
    }

    void revoke(Caller caller, long deviceId) {
        if (!sessions.delete(deviceId, caller.userId())) {
            throw new Refusals.UnknownDevice();
        }
        events.publishEvent(new DeviceSessionEnded(caller.userId(), deviceId, DeviceSessionEnded.Reason.REVOKED));
    }

    /** The name as shown in the device list: no control characters, at most 64 UTF-16 units, never a split emoji. */
    static String deviceName(String name) {
        var printable = Texts.clean(name);
        if (printable == null) {
            return "Unnamed device";
        }
        if (printable.length() <= MAX_DEVICE_NAME_LENGTH) {
            return printable;
        }
        int end = MAX_DEVICE_NAME_LENGTH;
        if (Character.isHighSurrogate(printable.charAt(end - 1))) {
            end--;
        }
        return printable.substring(0, end).strip();
    }
}
