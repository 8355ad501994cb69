package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V11 moves each conversation's last seq and last message to conversation_heads, V12 each member's cursors to
 * member_cursors, as they stood.
 */
class HotRowMigrationTests {

    @Test
    void existingConversationsKeepTheirLastMessages() {
        var dataSource = migratedTo("10", "heads-migration");
        var jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO conversations (id, kind, direct_key, created_at) VALUES (1, 'direct', '1:2', 5)")
                .update();
        jdbc.sql("""
                INSERT INTO conversations (id, kind, title, created_at, last_seq, last_message_id, last_sender_id,
                                           last_kind, last_preview, last_message_at)
                VALUES (2, 'group', 'club', 6, 42, 900, 7, 'text', 'see you', 1234)""").update();

        migrate(dataSource, "latest");

        assertThat(jdbc.sql("SELECT * FROM conversation_heads ORDER BY conversation_id")
                        .query()
                        .listOfRows())
                .containsExactly(
                        row(1, 0, null, null, null, null, null), row(2, 42, 900L, 7L, "text", "see you", 1234L));
        assertThat(jdbc.sql("SELECT id, kind, title FROM conversations ORDER BY id")
                        .query((rs, n) -> Arrays.asList(rs.getLong(1), rs.getString(2), rs.getString(3)))
                        .list())
                .containsExactly(Arrays.asList(1L, "direct", null), Arrays.asList(2L, "group", "club"));
    }

    @Test
    void existingMembersKeepTheirCursors() {
        var dataSource = migratedTo("11", "cursors-migration");
        var jdbc = JdbcClient.create(dataSource);
        jdbc.sql(
                        "INSERT INTO users (id, username, password_hash, created_at) VALUES (7, 'ann', 'x', 0), (8, 'bob', 'x', 0)")
                .update();
        jdbc.sql("INSERT INTO conversations (id, kind, direct_key, created_at) VALUES (1, 'direct', '7:8', 5)")
                .update();
        jdbc.sql("""
                INSERT INTO members (conversation_id, user_id, read_seq, delivered_seq, joined_seq)
                VALUES (1, 7, 40, 42, 0), (1, 8, 3, 9, 1)""").update();

        migrate(dataSource, "latest");

        assertThat(jdbc.sql("SELECT user_id, read_seq, delivered_seq FROM member_cursors ORDER BY user_id")
                        .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                        .list())
                .containsExactly(List.of(7L, 40L, 42L), List.of(8L, 3L, 9L));
        assertThat(jdbc.sql("SELECT user_id, joined_seq FROM members ORDER BY user_id")
                        .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
                        .list())
                .containsExactly(List.of(7L, 0L), List.of(8L, 1L));
    }

    /** A new in-memory database of that name with the migrations up to that version. */
    private static JdbcDataSource migratedTo(String version, String name) {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        migrate(dataSource, version);
        return dataSource;
    }

    private static void migrate(JdbcDataSource dataSource, String target) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/h2", "classpath:db/migration/standard")
                .target(target)
                .load()
                .migrate();
    }

    private static Map<String, Object> row(
            long id, long seq, Long messageId, Long senderId, String kind, String preview, Long at) {
        var row = new LinkedHashMap<String, Object>();
        row.put("CONVERSATION_ID", id);
        row.put("LAST_SEQ", seq);
        row.put("LAST_MESSAGE_ID", messageId);
        row.put("LAST_SENDER_ID", senderId);
        row.put("LAST_KIND", kind);
        row.put("LAST_PREVIEW", preview);
        row.put("LAST_MESSAGE_AT", at);
        return row;
    }
}
