package dev.parley.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the account feature.
 *
 * @param failedLoginWindow how long failed logins are remembered
 * @param maxFailuresPerUsername failed logins for one username within the window before its logins are refused
 * @param maxFailuresPerAddress failed logins from one address within the window before its logins are refused
 * @param registrationWindow the window for counting registrations per address
 * @param maxRegistrationsPerAddress registrations from one address within that window before more are refused
 * @param lastSeenResolution how stale a device's last-seen time may get before a request updates it
 * @param argon2MemoryKib Argon2id memory cost in KiB
 * @param argon2Iterations Argon2id iterations
 */
@ConfigurationProperties("parley.account")
record AccountSettings(
        Duration failedLoginWindow,
        int maxFailuresPerUsername,
        int maxFailuresPerAddress,
        Duration registrationWindow,
        int maxRegistrationsPerAddress,
        Duration lastSeenResolution,
        int argon2MemoryKib,
        int argon2Iterations) {}
