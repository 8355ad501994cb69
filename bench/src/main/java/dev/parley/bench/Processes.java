package dev.parley.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts the systems under test in processes of their own, so that they never share a heap with the generator. */
final class Processes {

    private Processes() {}

    /** A started process and the port it listens on. */
    record Started(Process process, int port, Path log) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts a Parley node from its jar, tuned for load generation from one address. The node runs
     * from a copy of the jar in the work directory (deleted when this process ends): a build that
     * rewrites the jar meanwhile would otherwise take classes from under the running node.
     */
    static Started parley(Path jar, String datasourceUrl, List<String> extraArguments, Path workDir)
            throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(workDir);
        var copy = workDir.resolve("parley-server.jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        copy.toFile().deleteOnExit();
        var command = new ArrayList<>(List.of(java()));
        command.addAll(nodeJavaOptions());
        command.addAll(List.of(
                "-jar",
                copy.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + datasourceUrl,
                "--parley.account.max-registrations-per-address=100000000",
                "--parley.account.max-failures-per-address=100000000",
                "--parley.message.rate-per-second=100000000",
                "--parley.message.rate-burst=100000000"));
        command.addAll(extraArguments);
        return start(command, port, workDir.resolve("parley.log"), workDir);
    }

    /**
     * JVM options for the node from the environment variable {@code PARLEY_NODE_JAVA_OPTS} (split at
     * whitespace), for profiling a run: {@code PARLEY_NODE_JAVA_OPTS="-XX:StartFlightRecording=..." bench/run ...}.
     */
    private static List<String> nodeJavaOptions() {
        var options = System.getenv().getOrDefault("PARLEY_NODE_JAVA_OPTS", "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** Starts the bare relay from this process's classpath. */
    static Started relay(Path workDir) throws IOException, InterruptedException {
        int port = freePort();
        var command = List.of(
                java(), "-cp", System.getProperty("java.class.path"), Relay.class.getName(), Integer.toString(port));
        return start(command, port, workDir.resolve("relay.log"), workDir);
    }

    /**
     * Starts a load process of the {@code connections} scenario ({@link ConnectionLoad}) from this
     * process's classpath: its stdin and stdout are the pipes the bench talks to it through, its
     * stderr goes to {@code load-<index>.log} in the work directory.
     */
    static Process connectionLoad(Path workDir, URI webSocket, ConnectionLoad.Share share) throws IOException {
        Files.createDirectories(workDir);
        var command = List.of(
                java(),
                "-Xmx1g",
                "-XX:+UseSerialGC",
                // C1 only: a short-lived load process should spend its CPU on load, not on C2
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                ConnectionLoad.class.getName(),
                webSocket.toString(),
                Integer.toString(share.count()),
                share.sourceAddress());
        return new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectError(workDir.resolve("load-" + share.index() + ".log").toFile())
                .start();
    }

    /** The soft limit of open files of a process, from /proc (Linux); -1 where that cannot be read. */
    static long openFileLimit(long pid) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(
                            line.substring("Max open files".length()).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    private static Started start(List<String> command, int port, Path log, Path workDir)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        var process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process ended at start-up; see " + log);
            }
            try (var probe = new Socket("127.0.0.1", port)) {
                return new Started(process, port, log);
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("process did not open port " + port + "; see " + log);
    }

    /** Drops the schema a PostgreSQL run uses, with psql. */
    static void dropBenchSchema() throws IOException, InterruptedException {
        var psql = new ProcessBuilder(
                        "psql",
                        "-h",
                        "127.0.0.1",
                        "-U",
                        "postgres",
                        "-d",
                        "test",
                        "-q",
                        "-c",
                        "DROP SCHEMA IF EXISTS parley_bench CASCADE")
                .redirectErrorStream(true)
                .start();
        var output = new String(psql.getInputStream().readAllBytes());
        if (psql.waitFor() != 0) {
            throw new IllegalStateException("psql could not reset the bench schema: " + output);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
