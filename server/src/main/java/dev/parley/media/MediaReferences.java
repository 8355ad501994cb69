package dev.parley.media;

import java.util.Collection;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lets another feature say which uploads it still shows (image messages, avatars), so that the {@link MediaSweeper}
 * keeps them. Every bean of this type is asked; an upload that none names is deleted once it is old enough.
 */
public interface MediaReferences {

    /** The ids among {@code mediaIds} that this feature shows. */
    Set<String> referenced(Collection<String> mediaIds);

    /** The ids among {@code mediaIds} that {@code column} of {@code table} holds: most features' answer. */
    static Set<String> foundIn(JdbcClient jdbc, String table, String column, Collection<String> mediaIds) {
        if (mediaIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT DISTINCT " + column + " FROM " + table + " WHERE " + column + " IN (:ids)")
                .param("ids", mediaIds)
                .query(String.class)
                .list());
    }
}
