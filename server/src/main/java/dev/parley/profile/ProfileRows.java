package dev.parley.profile;

import dev.parley.media.MediaReferences;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code profiles} table. A user without a row has the default profile. */
@Repository
class ProfileRows {

    record Row(
            long userId,
            @Nullable String nickname,
            @Nullable String status,
            @Nullable String avatarId,
            boolean findableByNickname,
            @Nullable String addCode) {

        static Row empty(long userId) {
            return new Row(userId, null, null, null, true, null);
        }
    }

    private static final String COLUMNS = "user_id, nickname, status, avatar_id, findable_by_nickname, add_code";

    private final JdbcClient jdbc;

    ProfileRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The avatars among these uploads that a profile shows. */
    Set<String> avatarsAmong(Collection<String> mediaIds) {
        return MediaReferences.foundIn(jdbc, "profiles", "avatar_id", mediaIds);
    }

    Optional<Row> find(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM profiles WHERE user_id = ?")
                .param(userId)
                .query(Row.class)
                .optional();
    }

    List<Row> findAll(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM profiles WHERE user_id IN (:ids)")
                .param("ids", userIds)
                .query(Row.class)
                .list();
    }

    /** Writes the whole row, creating it if the user had none. */
    void save(Row row, long now) {
        var nicknameKey = row.nickname() == null ? null : Profiles.searchKey(row.nickname());
        int updated = jdbc.sql("""
                        UPDATE profiles SET nickname = ?, nickname_key = ?, status = ?, avatar_id = ?,
                               findable_by_nickname = ?, add_code = ?, updated_at = ?
                        WHERE user_id = ?""")
                .params(
                        row.nickname(),
                        nicknameKey,
                        row.status(),
                        row.avatarId(),
                        row.findableByNickname(),
                        row.addCode(),
                        now,
                        row.userId())
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("""
                                INSERT INTO profiles (user_id, nickname, nickname_key, status, avatar_id,
                                                      findable_by_nickname, add_code, updated_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(
                                row.userId(),
                                row.nickname(),
                                nicknameKey,
                                row.status(),
                                row.avatarId(),
                                row.findableByNickname(),
                                row.addCode(),
                                now)
                        .update();
            } catch (DuplicateKeyException raced) {
                if (find(row.userId()).isEmpty()) {
                    throw raced; // the add code collided, not the user
                }
                save(row, now);
            }
        }
    }

    Optional<Long> userByAddCode(String code) {
        return jdbc.sql("SELECT user_id FROM profiles WHERE add_code = ?")
                .param(code)
                .query(Long.class)
                .optional();
    }

    /** Users who let themselves be found by nickname and whose nickname starts with the prefix (a search key). */
    List<Long> byNicknamePrefix(String prefix, int limit, int offset) {
        // '!' escapes LIKE's wildcards: a backslash would mean different things to MariaDB and PostgreSQL
        var escaped = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return jdbc.sql("""
                        SELECT user_id FROM profiles
                        WHERE findable_by_nickname = TRUE AND nickname_key LIKE ? ESCAPE '!'
                        ORDER BY nickname_key, user_id LIMIT ? OFFSET ?""")
                .params(escaped + "%", limit, offset)
                .query(Long.class)
                .list();
    }
}
