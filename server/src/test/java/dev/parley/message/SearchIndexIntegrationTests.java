package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.shared.Databases;
import dev.parley.testing.ServerTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On PostgreSQL every insert updates the message search index itself. With GIN's pending list (its default), the
 * insert that finds the list full merged all of it into the index, about every 5 seconds at 6,000 msg/s, and every
 * commit behind it waited: p99 send→delivery 103–117 ms against 32–34 without it (docs/benchmarks.md, session 18).
 */
@ServerTest
class SearchIndexIntegrationTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSearchIndexHasNoPendingList() {
        assumeTrue(Databases.of(dataSource) == DatabaseDriver.POSTGRESQL, "PostgreSQL's full-text index");

        var options = jdbc.sql("SELECT COALESCE(array_to_string(reloptions, ','), '') FROM pg_class"
                        + " WHERE oid = to_regclass('messages_body_search')")
                .query(String.class)
                .single();

        assertThat(options).contains("fastupdate=off");
    }
}
