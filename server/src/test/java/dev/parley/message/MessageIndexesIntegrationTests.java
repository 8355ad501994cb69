package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Indexes;
import dev.parley.testing.ServerTest;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every index on {@code messages} is written by every message stored, in a place of its own for each conversation
 * unless its key grows with time: the table carries only the indexes reads need, none covered by another. H2 backed
 * the foreign key to conversations with an index on {@code conversation_id} alone, which the unique
 * {@code (conversation_id, seq)} index already covers (db/migration/h2/V9).
 */
@ServerTest
class MessageIndexesIntegrationTests {

    @Autowired
    DataSource dataSource;

    @Test
    void noIndexOnMessagesIsCoveredByAnother() throws SQLException {
        var indexes = Indexes.of(dataSource, "messages");

        assertThat(indexes.values())
                .contains(List.of("id"), List.of("conversation_id", "seq"), List.of("client_msg_id", "sender_id"));
        for (var index : indexes.entrySet()) {
            for (var other : indexes.entrySet()) {
                if (!other.getKey().equals(index.getKey())) {
                    var columns = index.getValue();
                    var otherColumns = other.getValue();
                    assertThat(columns.size() <= otherColumns.size()
                                    && otherColumns.subList(0, columns.size()).equals(columns))
                            .as(
                                    "index %s %s is covered by %s %s",
                                    index.getKey(), columns, other.getKey(), otherColumns)
                            .isFalse();
                }
            }
        }
    }
}
