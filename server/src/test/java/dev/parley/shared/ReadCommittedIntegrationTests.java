package dev.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every database runs Parley's transactions at READ COMMITTED, as H2 and PostgreSQL do by default: a statement sees
 * what other transactions committed before it, even inside a transaction that read the same row earlier. MariaDB's
 * default, REPEATABLE READ, would show that transaction its first snapshot (a roster read by one node while another
 * node adds a member, for instance) and take gap locks that deadlock writers of neighbouring conversations.
 */
@ServerTest
class ReadCommittedIntegrationTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    TestServer server;

    @Test
    void aTransactionSeesWhatAnotherCommittedAfterItsFirstRead() throws SQLException {
        long userId = server.newUser("isolated").userId();
        try (var reader = dataSource.getConnection();
                var writer = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            try {
                long before = createdAt(reader, userId);
                try (var update =
                        writer.prepareStatement("UPDATE users SET created_at = created_at + 1 WHERE id = ?")) {
                    update.setLong(1, userId);
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }
                if (!writer.getAutoCommit()) {
                    writer.commit();
                }

                assertThat(createdAt(reader, userId)).isEqualTo(before + 1);
                assertThat(reader.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            } finally {
                reader.rollback();
                reader.setAutoCommit(true);
            }
        }
    }

    private static long createdAt(Connection connection, long userId) throws SQLException {
        try (var select = connection.prepareStatement("SELECT created_at FROM users WHERE id = ?")) {
            select.setLong(1, userId);
            try (var row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getLong(1);
            }
        }
    }
}
