package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Indexes;
import dev.parley.testing.ServerTest;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rows written for every message or receipt carry no index but their key: H2 rewrites every index entry of a row
 * it updates, changed or not, so an index there is a B-tree page more in every commit for each conversation or member.
 */
@ServerTest
class HotRowIndexesIntegrationTests {

    @Autowired
    DataSource dataSource;

    @Test
    void theRowsAnAppendUpdatesHaveNoIndexButTheirKey() throws SQLException {
        assertThat(Indexes.of(dataSource, "conversation_heads").values()).containsExactly(List.of("conversation_id"));
    }

    @Test
    void theCursorsReceiptsMoveHaveNoIndexButTheirKey() throws SQLException {
        assertThat(Indexes.of(dataSource, "member_cursors").values())
                .containsExactly(List.of("conversation_id", "user_id"));
    }
}
