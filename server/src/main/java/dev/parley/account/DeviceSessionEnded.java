package dev.parley.account;

/** A device session ended (logout or revocation): its token no longer works and its connections must close. */
public record DeviceSessionEnded(long userId, long deviceId, Reason reason) {

    public enum Reason {
        LOGGED_OUT,
        REVOKED
    }
}
