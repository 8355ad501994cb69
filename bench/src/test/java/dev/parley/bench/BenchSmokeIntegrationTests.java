package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A few seconds of every scenario at a tiny load, to keep the harness working (with receipts, the option that adds the
 * most to the load generator). Figures are not checked; verdicts are.
 */
class BenchSmokeIntegrationTests {

    @Test
    void everyScenarioRunsAndFindsNothingLostDuplicatedOrReordered() throws Exception {
        var out = Path.of("target", "smoke");
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
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(name -> name.endsWith(".json"))
                    .anyMatch(name -> name.endsWith(".png"));
        }
    }
}
