package dev.parley.testing;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** The indexes a table has in the database under test, as its JDBC driver lists them. */
public final class Indexes {

    private Indexes() {}

    /** The table's indexes by name, each as its key columns in order (as the driver lists them), in lower case. */
    public static Map<String, List<String>> of(DataSource dataSource, String table) throws SQLException {
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
