package dev.parley.account;

import dev.parley.shared.Refusal;

/** The request carries no session token, or one that is unknown, logged out or revoked. */
public final class Unauthenticated extends Refusal {

    public Unauthenticated() {
        super("unauthenticated", 401, "A valid session token is required");
    }
}
