package dev.parley.account;

import org.springframework.stereotype.Service;

/** Looks users up by id or username, for the features that need to name or check them. */
@Service
public class UserDirectory {

    /** What anyone may know of a user. */
    public record UserSummary(long id, String username) {}

    private final Users users;

    UserDirectory(Users users) {
        this.users = users;
    }

    /** @throws UnknownUser if there is no such user */
    public UserSummary byId(long id) {
        return users.byId(id).map(UserDirectory::summary).orElseThrow(UnknownUser::new);
    }

    /** The users that exist among the ids, in no particular order. */
    public java.util.List<UserSummary> byIds(java.util.Collection<Long> ids) {
        return users.byIds(ids).stream().map(UserDirectory::summary).toList();
    }

    /** @throws UnknownUser if there is no such user */
    public UserSummary byUsername(String username) {
        var canonical = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        return users.byUsername(canonical).map(UserDirectory::summary).orElseThrow(UnknownUser::new);
    }

    private static UserSummary summary(Users.Row row) {
        return new UserSummary(row.id(), row.username());
    }
}
