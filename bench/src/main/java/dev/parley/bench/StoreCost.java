package dev.parley.bench;

import dev.parley.client.ClientMsgIds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.h2.tools.RunScript;

/**
 * What storing one-to-one messages costs the embedded database by itself: H2 with the server's own schema (its
 * migrations, read from the server jar) and, in one thread, the statements the server's group-commit writer runs for
 * a batch of sends (insert the messages, advance the conversations' seqs, write the read cursor of a sender someone
 * else follows) and its commit. As in the {@code direct} scenario one side of each conversation sends, so no cursor is
 * written; with {@code turns} the two sides take turns, as in a conversation, and each message also writes the read
 * cursor of the member who sent the one before it. It reports the time, the bytes written and the bytes allocated per
 * message for several batch sizes, with client ids as the
 * Parley clients make them (time-ordered, {@link ClientMsgIds}) and as random UUIDs. No network, JSON or Spring: the
 * floor under the node's writer thread, and a quick way to try a schema or an H2 setting.
 */
final class StoreCost {

    private static final int[] BATCHES = {1, 6, 24, 100};
    private static final Pattern MIGRATION =
            Pattern.compile("BOOT-INF/classes/db/migration/(h2|standard)/V(\\d+)__.*\\.sql");
    private static final String BODY = "a message of an everyday length, some sixty characters long";

    private StoreCost() {}

    /** One row per kind of client id and batch size, each on a new H2 database with these URL options. */
    static List<Map<String, Object>> run(
            Path serverJar,
            String h2Options,
            int conversations,
            int messages,
            boolean turns,
            Path work,
            Driver.Progress progress)
            throws Exception {
        var scripts = migrations(serverJar);
        var rows = new ArrayList<Map<String, Object>>();
        var timeOrdered = ClientMsgIds.system();
        Map<String, Supplier<String>> kinds = new LinkedHashMap<>();
        kinds.put("time-ordered", timeOrdered::next);
        kinds.put("random UUID", () -> UUID.randomUUID().toString());
        for (var kind : kinds.entrySet()) {
            for (int batch : BATCHES) {
                var dir = Files.createTempDirectory(work, "store-cost-");
                progress.line(String.format("store-cost %s ids, %d sends per commit", kind.getKey(), batch));
                try (var connection =
                        DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("parley") + h2Options)) {
                    for (var script : scripts) {
                        RunScript.execute(
                                connection,
                                new InputStreamReader(new ByteArrayInputStream(script), StandardCharsets.UTF_8));
                    }
                    rows.add(
                            measure(connection, conversations, messages, turns, batch, kind.getKey(), kind.getValue()));
                } finally {
                    Directories.deleteTree(dir); // about a gigabyte over 20,000 conversations
                }
            }
        }
        progress.done();
        return rows;
    }

    /** The server's H2 migrations (its own and the standard ones), in version order. */
    private static List<byte[]> migrations(Path serverJar) throws IOException {
        try (var jar = new JarFile(serverJar.toFile())) {
            var entries = jar.stream()
                    .filter(e -> MIGRATION.matcher(e.getName()).matches())
                    .sorted(Comparator.comparingInt(e -> version(e.getName())))
                    .toList();
            if (entries.isEmpty()) {
                throw new IllegalStateException("no H2 migrations in " + serverJar);
            }
            var scripts = new ArrayList<byte[]>();
            for (var entry : entries) {
                try (var in = jar.getInputStream(entry)) {
                    scripts.add(in.readAllBytes());
                }
            }
            return scripts;
        }
    }

    /** The version of a migration the pattern matched: 8 for {@code V8__image_messages_apart.sql}. */
    private static int version(String name) {
        var matcher = MIGRATION.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(name);
        }
        return Integer.parseInt(matcher.group(2));
    }

    private static Map<String, Object> measure(
            Connection connection,
            int conversations,
            int messages,
            boolean turns,
            int batch,
            String kind,
            Supplier<String> clientMsgIds)
            throws SQLException, IOException {
        long base = 1L << 40;
        long[] conversationIds = new long[conversations];
        connection.setAutoCommit(false);
        try (var users = connection.prepareStatement(
                        "INSERT INTO users (id, username, password_hash, created_at) VALUES (?, ?, 'x', 0)");
                var direct = connection.prepareStatement(
                        "INSERT INTO conversations (id, kind, direct_key, created_at) VALUES (?, 'direct', ?, 0)");
                var heads = connection.prepareStatement("INSERT INTO conversation_heads (conversation_id) VALUES (?)");
                var members =
                        connection.prepareStatement("INSERT INTO members (conversation_id, user_id) VALUES (?, ?)");
                var cursors = connection.prepareStatement(
                        "INSERT INTO member_cursors (conversation_id, user_id) VALUES (?, ?)")) {
            for (int c = 0; c < conversations; c++) {
                conversationIds[c] = base * 2 + c * 7919L; // spread, as snowflake ids are
                addBatch(direct, conversationIds[c], "k" + c);
                addBatch(heads, conversationIds[c]);
                for (int side = 0; side < 2; side++) {
                    addBatch(users, sender(base, c) + side, "u" + c + "-" + side);
                    addBatch(members, conversationIds[c], sender(base, c) + side);
                    addBatch(cursors, conversationIds[c], sender(base, c) + side);
                }
            }
            users.executeBatch();
            direct.executeBatch();
            heads.executeBatch();
            members.executeBatch();
            cursors.executeBatch();
        }
        connection.commit();
        // as MessageWriter's commit runs them (MessageStore.insert, ConversationRows.advanceSeqs and readBySenders)
        try (var insert = connection.prepareStatement("""
                        INSERT INTO messages (id, conversation_id, seq, sender_id, client_msg_id, kind, body, media_id,
                                              media_width, media_height, reply_to_id, reply_to_seq, forwarded, mentions,
                                              created_at)
                        VALUES (?, ?, ?, ?, ?, 'text', ?, ?, ?, ?, ?, ?, FALSE, ?, ?)""");
                var advance = connection.prepareStatement("""
                        UPDATE conversation_heads SET last_seq = ?, last_message_id = ?, last_sender_id = ?,
                               last_kind = 'text', last_preview = ?, last_message_at = ?
                        WHERE conversation_id = ? AND last_seq = ? AND COALESCE(last_sender_id, 0) = ?""");
                var read = connection.prepareStatement("""
                        UPDATE member_cursors SET read_seq = ?,
                               delivered_seq = CASE WHEN delivered_seq < ? THEN ? ELSE delivered_seq END
                        WHERE conversation_id = ? AND user_id = ? AND read_seq < ?""")) {
            var random = new Random(1);
            long[] seqs = new long[conversations];
            long[] lastSenders = new long[conversations];
            int reads = 0;
            long measuredReads = 0;
            long id = 1L << 50;
            int warmup = messages / 3;
            int measuredFrom = -1; // the messages stored before the first measured commit
            long startNanos = 0;
            long startCpu = 0;
            long startWritten = 0;
            long startAllocated = 0;
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            int done = 0;
            for (; done < messages; done += batch) {
                if (done >= warmup && measuredFrom < 0) {
                    measuredFrom = done;
                    startNanos = System.nanoTime();
                    startCpu = threads.getCurrentThreadCpuTime();
                    startWritten = written();
                    startAllocated = threads.getCurrentThreadAllocatedBytes();
                }
                for (int i = 0; i < batch; i++) {
                    int c = random.nextInt(conversations);
                    long seq = ++seqs[c];
                    id++;
                    long now = System.currentTimeMillis();
                    long conversation = conversationIds[c];
                    long sender = sender(base, c) + (turns ? seq % 2 : 0);
                    // media_id, media_width, media_height, reply_to_id, reply_to_seq and mentions are NULL
                    addBatch(
                            insert,
                            id,
                            conversation,
                            seq,
                            sender,
                            clientMsgIds.get(),
                            BODY,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            now);
                    addBatch(advance, seq, id, sender, BODY, now, conversation, seq - 1, lastSenders[c]);
                    if (lastSenders[c] != 0 && lastSenders[c] != sender) {
                        // the last sender before writes their cursor (Conversations.cursorsToWrite)
                        addBatch(read, seq - 1, seq - 1, seq - 1, conversation, lastSenders[c], seq - 1);
                        reads++;
                        if (measuredFrom >= 0) {
                            measuredReads++;
                        }
                    }
                    lastSenders[c] = sender;
                }
                advance.executeBatch();
                insert.executeBatch();
                if (reads > 0) {
                    read.executeBatch();
                    reads = 0;
                }
                connection.commit();
            }
            int measured = done - measuredFrom;
            double nanos = System.nanoTime() - startNanos;
            double cpuNanos = threads.getCurrentThreadCpuTime() - startCpu;
            long written = startWritten < 0 ? -1 : written() - startWritten;
            var figures = new LinkedHashMap<String, Object>();
            figures.put("scenario", "store-cost");
            figures.put("clientMsgIds", kind);
            figures.put("senders", turns ? "taking turns" : "one side");
            figures.put("batch", batch);
            figures.put("conversations", conversations);
            figures.put("microsecondsPerMessage", Math.round(nanos / measured / 100) / 10.0);
            // the thread's own CPU time: less moved than the elapsed time by whatever else the machine runs
            figures.put("cpuMicrosecondsPerMessage", Math.round(cpuNanos / measured / 100) / 10.0);
            figures.put("bytesWrittenPerMessage", written < 0 ? -1 : written / measured);
            figures.put("cursorWritesPerMessage", Math.round(100.0 * measuredReads / measured) / 100.0);
            figures.put(
                    "bytesAllocatedPerMessage", (threads.getCurrentThreadAllocatedBytes() - startAllocated) / measured);
            return figures;
        }
    }

    /** The sending side of conversation {@code c}; the other member is the next id. */
    private static long sender(long base, int c) {
        return base + 2L * c;
    }

    /** Sets the statement's parameters in order (null for SQL NULL) and adds it to its batch. */
    private static void addBatch(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        statement.addBatch();
    }

    /** Bytes this process has written so far (Linux), or -1. */
    private static long written() throws IOException {
        var io = Path.of("/proc/self/io");
        if (!Files.isReadable(io)) {
            return -1;
        }
        for (var line : Files.readAllLines(io)) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring(6).strip());
            }
        }
        return -1;
    }
}
