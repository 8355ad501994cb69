package dev.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark command. Starts a Parley node (embedded H2 or PostgreSQL) and the bare relay in
 * processes of their own, loads them from this process, and prints a table, a JSON file and a PNG
 * chart. Figures are never pass/fail; the correctness verdict is.
 *
 * <pre>
 * bench/run [direct|max|group|group-max|connections|sync|all] [--db h2|postgresql] [--pairs N] [--rate N]
 *           [--start-rate N] [--max-steps N] [--refine N] [--retries N] [--run-in S] [--warmup S] [--seconds S] [--groups N] [--members N]
 *           [--connections N] [--connections-per-process N] [--sync-conversations N] [--sync-messages N] [--out DIR]
 *           [--server-jar FILE] [--quiet]
 * </pre>
 *
 * <p>{@code --rate} is messages sent per second: 10,000 by default for {@code direct}, 100 for
 * {@code group} (where each message is delivered to {@code members − 1} others).
 */
public final class Bench {

    private static final String STORE_COST = "store-cost";

    private Bench() {}

    record Options(
            List<String> scenarios,
            String database,
            int pairs,
            int rate,
            int groupRate,
            int startRate,
            int maxSteps,
            int refinements,
            int retries,
            Duration runIn,
            Duration warmup,
            Duration measure,
            int groups,
            int members,
            int connections,
            int connectionsPerProcess,
            int syncConversations,
            int syncPerConversation,
            int storeMessages,
            Path out,
            Path serverJar,
            boolean quiet,
            boolean receipts,
            boolean turns) {

        static Options parse(String... args) {
            var scenarios = new ArrayList<String>();
            var values = new LinkedHashMap<String, String>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
                    values.put(args[i].substring(2), hasValue ? args[++i] : "");
                } else {
                    scenarios.add(args[i]);
                }
            }
            if (scenarios.isEmpty() || scenarios.contains("all")) {
                scenarios = new ArrayList<>(List.of("direct", "max", "group", "group-max", "connections", "sync"));
            }
            return new Options(
                    scenarios,
                    values.getOrDefault("db", "h2"),
                    Integer.parseInt(values.getOrDefault("pairs", "100")),
                    Integer.parseInt(values.getOrDefault("rate", "10000")),
                    Integer.parseInt(values.getOrDefault("rate", "100")), // group: each message fans out
                    Integer.parseInt(values.getOrDefault("start-rate", "2000")),
                    Integer.parseInt(values.getOrDefault("max-steps", "30")),
                    Integer.parseInt(values.getOrDefault("refine", "2")),
                    Integer.parseInt(values.getOrDefault("retries", "1")),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("run-in", "30"))),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("warmup", "5"))),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("seconds", "15"))),
                    Integer.parseInt(values.getOrDefault("groups", "10")),
                    Integer.parseInt(values.getOrDefault("members", "100")),
                    Integer.parseInt(values.getOrDefault("connections", "5000")),
                    Integer.parseInt(values.getOrDefault(
                            "connections-per-process", Integer.toString(ConnectionLoad.PER_PROCESS))),
                    Integer.parseInt(values.getOrDefault("sync-conversations", "100")),
                    Integer.parseInt(values.getOrDefault("sync-messages", "100")),
                    Integer.parseInt(values.getOrDefault("store-messages", "60000")),
                    Path.of(values.getOrDefault("out", "bench/target/reports")),
                    values.containsKey("server-jar") ? Path.of(values.get("server-jar")) : findServerJar(),
                    values.containsKey("quiet"),
                    values.containsKey("receipts"),
                    values.containsKey("turns"));
        }

        private static Path findServerJar() {
            for (var dir : List.of(Path.of("server/target"), Path.of("../server/target"))) {
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        var jar = files.filter(f -> f.getFileName().toString().matches("parley-server-.*\\.jar"))
                                .findFirst();
                        if (jar.isPresent()) {
                            return jar.get();
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            throw new IllegalStateException(
                    "no server jar: run ./mvnw -DskipTests package first, or pass --server-jar");
        }
    }

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        var report = run(options);
        System.out.println(report.table());
    }

    static Report run(Options options) throws Exception {
        var stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        var work = Files.createTempDirectory("parley-bench-");
        try {
            var progress = options.quiet() ? Driver.Progress.SILENT : Driver.Progress.CONSOLE;
            var report = new Report();
            var summary = new LinkedHashMap<String, Object>();
            summary.put("database", options.database());
            summary.put(
                    "machine",
                    Runtime.getRuntime().availableProcessors() + " cores, "
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                            + Runtime.version());
            summary.put("transport", Transport.name());
            summary.put("pairs", options.pairs());
            if (options.database().equals("postgresql")) {
                Processes.dropBenchSchema(); // every run starts from an empty database
            }
            if (options.scenarios().contains(STORE_COST)) { // H2 alone, before the servers start
                StoreCost.run(
                                options.serverJar(),
                                h2Options(options.serverJar()),
                                options.pairs(),
                                options.storeMessages(),
                                options.turns(),
                                work,
                                progress)
                        .forEach(report::add);
            }
            var served = options.scenarios().stream()
                    .filter(scenario -> !scenario.equals(STORE_COST))
                    .toList();
            if (!served.isEmpty()) {
                runAgainstServers(served, options, work, report, progress);
            }
            var base = options.out().resolve(stamp + "-" + options.database());
            report.writeJson(Path.of(base + ".json"), summary);
            report.writeChart(Path.of(base + ".png"), "Parley vs bare relay — " + options.database());
            System.err.println("report: " + base + ".json, chart: " + base + ".png");
            return report;
        } finally {
            // the node's database and its copy of the jar: gigabytes after a long run; the logs stay (bench/README.md)
            Directories.deleteTree(work.resolve("data"));
            Directories.deleteTree(work.resolve("parley-server.jar"));
        }
    }

    /** Runs the scenarios that need the relay and a Parley node, against both. */
    private static void runAgainstServers(
            List<String> scenarios, Options options, Path work, Report report, Driver.Progress progress)
            throws Exception {
        try (var relay = Processes.relay(work);
                var parley = Processes.parley(
                        options.serverJar(),
                        datasource(options.database(), options.serverJar(), work),
                        serverArguments(options),
                        work)) {
            var parleyBase = URI.create("http://127.0.0.1:" + parley.port());
            var load = new Scenarios.Load(options.pairs(), options.warmup(), options.measure(), 100);
            for (var scenario : scenarios) {
                switch (scenario) {
                    case "direct" -> {
                        try (var relayWire = new RelayWire(
                                        URI.create("ws://127.0.0.1:" + relay.port() + "/ws"), 100, options.receipts());
                                var parleyWire = new ParleyWire(parleyBase, 100, options.receipts())) {
                            Scenarios.direct(
                                    List.of(relayWire, parleyWire),
                                    load,
                                    options.rate(),
                                    options.startRate(),
                                    options.runIn(),
                                    report,
                                    progress);
                        }
                    }
                    case "max" ->
                        stepped(
                                relay.port(),
                                parleyBase,
                                (wire, driver) -> wire.open(load.pairs(), driver),
                                "step",
                                options.startRate(),
                                1,
                                "max sustainable rate (p99 send→delivery < 50 ms)",
                                options,
                                load,
                                report,
                                progress);
                    case "group" -> {
                        try (var relayWire = new RelayWire(
                                        URI.create("ws://127.0.0.1:" + relay.port() + "/ws"), 100, options.receipts());
                                var parleyWire = new ParleyWire(parleyBase, 100, options.receipts())) {
                            Scenarios.group(
                                    List.of(relayWire, parleyWire),
                                    options.groups(),
                                    options.members(),
                                    load,
                                    options.groupRate(),
                                    report,
                                    progress);
                        }
                    }
                    case "group-max" ->
                        stepped(
                                relay.port(),
                                parleyBase,
                                (wire, driver) ->
                                        wire.openGroups(options.groups(), options.members(), driver, progress),
                                "group-step",
                                options.groupRate(),
                                options.members() - 1,
                                String.format(
                                        "max sustainable group fan-out (%d groups × %d members, p99 send→delivery < 50 ms)",
                                        options.groups(), options.members()),
                                options,
                                load,
                                report,
                                progress);
                    case "connections" ->
                        report.add(Scenarios.connections(
                                parleyBase,
                                parley.process().pid(),
                                options.connections(),
                                options.connectionsPerProcess(),
                                work,
                                progress));
                    case "sync" ->
                        report.add(Scenarios.sync(
                                parleyBase, options.syncConversations(), options.syncPerConversation(), progress));
                    default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                }
            }
        }
    }

    /**
     * Steps the rate of the senders {@code opener} opens up to the maximum sustainable one, against the relay and
     * then Parley, and adds a row with each one's highest passing rate (and its deliveries per second, where each
     * message has {@code recipients} recipients) and Parley ÷ relay.
     */
    private static void stepped(
            int relayPort,
            URI parleyBase,
            Scenarios.Opener opener,
            String label,
            int startRate,
            int recipients,
            String title,
            Options options,
            Scenarios.Load load,
            Report report,
            Driver.Progress progress)
            throws Exception {
        try (var relayWire = new RelayWire(URI.create("ws://127.0.0.1:" + relayPort + "/ws"), 100, options.receipts());
                var parleyWire = new ParleyWire(parleyBase, 100, options.receipts())) {
            var best = Scenarios.maxRate(
                    List.of(relayWire, parleyWire),
                    opener,
                    label,
                    load,
                    startRate,
                    1.4,
                    options.maxSteps(),
                    options.refinements(),
                    options.retries(),
                    options.runIn(),
                    report,
                    progress);
            var figures = new LinkedHashMap<String, Object>();
            figures.put("scenario", title);
            best.forEach((wire, max) -> {
                figures.put(wire, max.rate());
                if (recipients > 1) {
                    figures.put(wire + "DeliveriesPerSecond", (long) max.rate() * recipients);
                }
                if (max.passedEveryStep()) {
                    figures.put(wire + "PassedEveryStep", true); // its maximum may be higher: raise --max-steps
                }
            });
            var relay = best.get("relay");
            if (relay != null && relay.rate() > 0) {
                // against a relay that never failed, the ratio is only an upper bound
                figures.put(
                        relay.passedEveryStep() ? "parleyOverRelayAtMost" : "parleyOverRelay",
                        Math.round(100.0 * best.get("parley").rate() / relay.rate()) / 100.0);
            }
            report.add(figures);
        }
    }

    private static String datasource(String database, Path serverJar, Path work) throws IOException {
        return switch (database) {
            // the options of the node's default, with a database of the run's own
            case "h2" -> "jdbc:h2:file:" + work.resolve("data/parley") + h2Options(serverJar);
            case "postgresql" ->
                "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=parley_bench&reWriteBatchedInserts=true"
                        + Objects.requireNonNullElse(System.getenv("PARLEY_BENCH_PG_OPTIONS"), "");
            default -> throw new IllegalArgumentException("--db is h2 or postgresql");
        };
    }

    /** The H2 URL's options: {@code PARLEY_BENCH_H2_OPTIONS}, or else those the server jar's application.yml sets. */
    private static String h2Options(Path serverJar) throws IOException {
        var options = System.getenv("PARLEY_BENCH_H2_OPTIONS");
        if (options != null) {
            return options;
        }
        try (var jar = new JarFile(serverJar.toFile())) {
            var entry = jar.getEntry("BOOT-INF/classes/application.yml");
            if (entry == null) {
                throw new IllegalStateException("no application.yml in " + serverJar);
            }
            try (var in = jar.getInputStream(entry)) {
                return h2Options(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    private static final Pattern H2_URL = Pattern.compile("(?m)^\\s*url:\\s*jdbc:h2:file:[^;\\s]*(;\\S*)?\\s*$");

    /** The options (from the first {@code ;}) of the H2 URL an application.yml gives its datasource. */
    static String h2Options(String applicationYml) {
        var matcher = H2_URL.matcher(applicationYml);
        if (!matcher.find()) {
            throw new IllegalStateException("application.yml names no H2 file URL");
        }
        return matcher.group(1) == null ? "" : matcher.group(1);
    }

    /** The node's connection cap: never below its default, and never what bounds the connections scenario. */
    static int maxConnections(int connections) {
        return Math.max(DEFAULT_MAX_CONNECTIONS, connections + 1000);
    }

    private static final int DEFAULT_MAX_CONNECTIONS = 19000;

    private static List<String> serverArguments(Options options) {
        var arguments = new ArrayList<String>();
        if (options.database().equals("postgresql")) {
            arguments.addAll(List.of("--spring.datasource.username=postgres", "--spring.flyway.schemas=parley_bench"));
        }
        arguments.add("--parley.account.argon2-memory-kib=1024");
        arguments.add("--parley.account.argon2-iterations=1");
        // the open-file limit (inherited, raised to the hard limit by the JVM) bounds the node, not the cap
        arguments.add("--parley.gateway.max-connections=" + maxConnections(options.connections()));
        return arguments;
    }
}
