package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** store-cost writes a sender's read cursor only when the sides of a conversation take turns, as the server does. */
class StoreCostIntegrationTests {

    @Test
    void sidesTakingTurnsWriteTheEarlierSendersCursorAtEveryMessage() throws Exception {
        assertThat(cursorWrites(true)).allSatisfy(writes -> assertThat(writes).isGreaterThan(0.9));
    }

    @Test
    void oneSideSendingWritesNoCursor() throws Exception {
        assertThat(cursorWrites(false)).allSatisfy(writes -> assertThat(writes).isZero());
    }

    private static List<Double> cursorWrites(boolean turns) throws Exception {
        var work = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "store-cost-tests").toAbsolutePath()), "run-");
        var rows = StoreCost.run(
                Bench.Options.parse("store-cost").serverJar(),
                ";WRITE_DELAY=0",
                3,
                600,
                turns,
                work,
                Driver.Progress.SILENT);
        assertThat(rows).hasSize(8);
        try (var left = Files.list(work)) {
            assertThat(left).as("the databases it measured are deleted").isEmpty();
        }
        return rows.stream()
                .map(row -> (Double) row.get("cursorWritesPerMessage"))
                .toList();
    }
}
