package dev.parley.account;

import dev.parley.shared.Refusal;

/** No user has the given id or username. */
public final class UnknownUser extends Refusal {

    public UnknownUser() {
        super("No such user");
    }

    @Override
    public String code() {
        return "unknown_user";
    }

    @Override
    public int status() {
        return 404;
    }
}
