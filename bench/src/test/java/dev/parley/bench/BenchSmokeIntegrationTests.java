package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A few seconds of every scenario at a tiny load, to keep the harness working (with receipts, the option that adds the
 * most to the load generator). Figures are not checked; verdicts are.
 */
class BenchSmokeIntegrationTests {

    @Test
    void everyScenarioRunsAndFindsNothingLostDuplicatedOrReordered() throws Exception {
        var out = Path.of("target", "smoke");
        var before = workDirectories();
        var report = Bench.run(Bench.Options.parse(
                "direct",
                "max",
                "group",
                "group-max",
                "connections",
                "sync",
                "store-cost",
                "--pairs",
                "3",
                "--rate",
                "300",
                "--start-rate",
                "200",
                "--max-steps",
                "2",
                "--run-in",
                "1",
                "--warmup",
                "1",
                "--seconds",
                "2",
                "--groups",
                "2",
                "--members",
                "4",
                "--connections",
                "60",
                "--sync-conversations",
                "3",
                "--sync-messages",
                "20",
                "--store-messages",
                "300",
                "--quiet",
                "--receipts",
                "--out",
                out.toString()));

        var table = report.table();
        System.out.println(table);
        assertThat(table)
                .contains("relay", "parley", "group", "group-step", "connections", "sync", "store-cost")
                .doesNotContain("FAILED");
        assertThat(table.lines().filter(line -> line.matches("(relay|parley) +direct .*")))
                .as("with --receipts, the senders of every direct run heard that their messages arrived")
                .hasSize(2)
                .allMatch(line -> line.matches(".*, [1-9][0-9]* receipts"));
        var after = workDirectories();
        after.removeAll(before);
        assertThat(after)
                .as("this run's work directory")
                .isNotEmpty()
                .allSatisfy(work -> assertThat(work)
                        .as("the node's database and its copy of the jar are deleted, the logs kept")
                        .isDirectoryNotContaining("glob:**/{data,parley-server.jar}")
                        .isDirectoryContaining("glob:**/parley.log"));
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(name -> name.endsWith(".json"))
                    .anyMatch(name -> name.endsWith(".png"));
        }
    }

    /** The bench's work directories in the temporary directory. */
    private static Set<Path> workDirectories() throws IOException {
        try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("parley-bench-"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }
}
