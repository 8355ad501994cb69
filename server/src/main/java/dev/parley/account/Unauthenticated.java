package dev.parley.account;

import dev.parley.shared.Refusal;

/** The request carries no session token, or one that is unknown, logged out or revoked. */
public final class Unauthenticated extends Refusal {

    public Unauthenticated() {
        super("A valid session token is required");
    }

    @Override
    public String code() {
        return "unauthenticated";
    }

    @Override
    public int status() {
        return 401;
    }
}
