package dev.parley.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What anyone logged in may see of a user.
 *
 * @param nickname the name the user chose, or null
 * @param avatarId the media id of the avatar, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublicProfile(
        long userId,
        String username,
        @Nullable String nickname,
        @Nullable String status,
        @Nullable String avatarId) {

    /** The nickname if the user set one, else the username. */
    public String displayName() {
        return nickname == null || nickname.isBlank() ? username : nickname;
    }
}
