package dev.parley.account;

import dev.parley.shared.Refusal;

/** No user has the given id or username. */
public final class UnknownUser extends Refusal {

    public UnknownUser() {
        super("unknown_user", 404, "No such user");
    }
}
