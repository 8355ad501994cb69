package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ServerTest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        var indexes = indexesOf("messages");

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

    /** The table's indexes by name, each as its key columns in order, in lower case (the JDBC driver lists them in order). */
    private Map<String, List<String>> indexesOf(String table) throws SQLException {
        var indexes = new TreeMap<String, List<String>>();
        try (var connection = dataSource.getConnection()) {
            var metaData = connection.getMetaData();
            var name = metaData.storesUpperCaseIdentifiers() ? table.toUpperCase() : table;
            try (var rows =
                    metaData.getIndexInfo(connection.getCatalog(), connection.getSchema(), name, false, false)) {
                while (rows.next()) {
                    var column = rows.getString("COLUMN_NAME");
                    var index = rows.getString("INDEX_NAME");
                    if (index != null && column != null) {
                        indexes.computeIfAbsent(index, key -> new ArrayList<>()).add(column.toLowerCase());
                    }
                }
            }
        }
        return indexes;
    }
}
