package dev.parley.profile;

import dev.parley.account.UnknownUser;
import dev.parley.account.UserDirectory;
import dev.parley.media.MediaLibrary;
import dev.parley.media.MediaReferences;
import dev.parley.shared.Notice;
import dev.parley.shared.Texts;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The profile feature's API: reading and changing profiles, search, and add-friend codes. The avatars that profiles
 * show keep their uploads ({@link MediaReferences}).
 */
@Service
public class Profiles implements MediaReferences {

    static final int MAX_NICKNAME = 32;
    static final int MAX_STATUS = 70;
    private static final char[] CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final int CODE_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A user's own view of their profile. */
    record MyProfile(PublicProfile profile, boolean findableByNickname) {}

    /** The changes a user asks for; a null field stays as it is, an empty string clears it. */
    record Changes(
            @Nullable String nickname,
            @Nullable String status,
            @Nullable String avatarId,
            @Nullable Boolean findableByNickname) {}

    /** One page of search results, and the next page's number if there is one. */
    record SearchPage(List<PublicProfile> users, @Nullable Integer nextPage) {}

    private final ProfileRows rows;
    private final UserDirectory users;
    private final MediaLibrary images;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int pageSize;

    Profiles(
            ProfileRows rows,
            UserDirectory users,
            MediaLibrary images,
            ApplicationEventPublisher events,
            Clock clock,
            ProfileSettings settings) {
        this.rows = rows;
        this.images = images;
        this.users = users;
        this.events = events;
        this.clock = clock;
        this.pageSize = settings.searchPageSize();
    }

    @Override
    public Set<String> referenced(Collection<String> mediaIds) {
        return rows.avatarsAmong(mediaIds);
    }

    /** @throws UnknownUser if there is no such user */
    public PublicProfile publicProfile(long userId) {
        var user = users.byId(userId);
        return profile(user, rows.find(userId).orElse(ProfileRows.Row.empty(userId)));
    }

    /** The public profiles of the users that exist among the ids. */
    public Map<Long, PublicProfile> publicProfiles(Collection<Long> userIds) {
        var byUser =
                rows.findAll(userIds).stream().collect(Collectors.toMap(ProfileRows.Row::userId, Function.identity()));
        var profiles = new HashMap<Long, PublicProfile>();
        for (var user : users.byIds(userIds)) {
            profiles.put(user.id(), profile(user, byUser.getOrDefault(user.id(), ProfileRows.Row.empty(user.id()))));
        }
        return profiles;
    }

    MyProfile mine(long userId) {
        var row = rows.find(userId).orElse(ProfileRows.Row.empty(userId));
        return new MyProfile(profile(users.byId(userId), row), row.findableByNickname());
    }

    MyProfile update(long userId, Changes changes) {
        var row = rows.find(userId).orElse(ProfileRows.Row.empty(userId));
        var changed = new ProfileRows.Row(
                userId,
                changes.nickname() == null ? row.nickname() : text(changes.nickname(), MAX_NICKNAME, "nickname"),
                changes.status() == null ? row.status() : text(changes.status(), MAX_STATUS, "status"),
                changes.avatarId() == null ? row.avatarId() : avatarId(userId, changes.avatarId()),
                changes.findableByNickname() == null ? row.findableByNickname() : changes.findableByNickname(),
                row.addCode());
        rows.save(changed, clock.millis());
        var mine = new MyProfile(profile(users.byId(userId), changed), changed.findableByNickname());
        events.publishEvent(new ProfileUpdated(mine.profile()));
        events.publishEvent(new Notice(Set.of(userId), "profile.updated", mine.profile()));
        return mine;
    }

    /**
     * Users whose username is the query (case-insensitive), then users who let themselves be found
     * by nickname and whose nickname starts with it.
     */
    SearchPage search(String query, int page) {
        var key = query == null ? "" : searchKey(query);
        if (key.isEmpty()) {
            throw new ProfileRefusals.InvalidProfile("A search needs some text");
        }
        var found = new LinkedHashMap<Long, PublicProfile>();
        if (page == 0) {
            try {
                var exact = users.byUsername(key);
                found.put(exact.id(), publicProfile(exact.id()));
            } catch (UnknownUser none) {
                // no user has that name
            }
        }
        var byNickname = rows.byNicknamePrefix(key, pageSize + 1, page * pageSize);
        boolean more = byNickname.size() > pageSize;
        var ids = new ArrayList<>(byNickname.subList(0, Math.min(pageSize, byNickname.size())));
        var profiles = publicProfiles(ids);
        for (long id : ids) {
            var profile = profiles.get(id);
            if (profile != null) {
                found.putIfAbsent(id, profile);
            }
        }
        return new SearchPage(List.copyOf(found.values()), more ? page + 1 : null);
    }

    /** The user's add-friend code, made on first use. */
    String addCode(long userId) {
        var row = rows.find(userId).orElse(ProfileRows.Row.empty(userId));
        return row.addCode() != null ? row.addCode() : newAddCode(row);
    }

    /** Replaces the user's add-friend code; the old one adds no one from now on. */
    String resetAddCode(long userId) {
        return newAddCode(rows.find(userId).orElse(ProfileRows.Row.empty(userId)));
    }

    /** @throws ProfileRefusals.UnknownAddCode if no user has this code */
    PublicProfile byAddCode(String code) {
        var userId = rows.userByAddCode(code == null ? "" : code.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(ProfileRefusals.UnknownAddCode::new);
        return publicProfile(userId);
    }

    private String newAddCode(ProfileRows.Row row) {
        while (true) {
            var code = randomCode();
            try {
                rows.save(
                        new ProfileRows.Row(
                                row.userId(),
                                row.nickname(),
                                row.status(),
                                row.avatarId(),
                                row.findableByNickname(),
                                code),
                        clock.millis());
                return code;
            } catch (DuplicateKeyException taken) {
                // 31^12 codes: a collision is rare; draw again
            }
        }
    }

    private static String randomCode() {
        var code = new char[CODE_LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)];
        }
        return new String(code);
    }

    /** How nicknames and queries are compared: trimmed, lower case. */
    static String searchKey(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    private static @Nullable String text(String value, int max, String field) {
        var cleaned = Texts.clean(value);
        if (cleaned != null && Texts.longerThan(cleaned, max)) {
            throw new ProfileRefusals.InvalidProfile("A " + field + " has at most " + max + " characters");
        }
        return cleaned;
    }

    /** An avatar must be an image the user uploaded as an avatar. */
    private @Nullable String avatarId(long userId, String value) {
        if (value.isEmpty()) {
            return null;
        }
        return images.find(value)
                .filter(image -> image.uploaderId() == userId && "avatar".equals(image.purpose()))
                .map(image -> image.id())
                .orElseThrow(() -> new ProfileRefusals.InvalidProfile("avatarId is not an avatar image you uploaded"));
    }

    private static PublicProfile profile(UserDirectory.UserSummary user, ProfileRows.Row row) {
        return new PublicProfile(user.id(), user.username(), row.nickname(), row.status(), row.avatarId());
    }
}
