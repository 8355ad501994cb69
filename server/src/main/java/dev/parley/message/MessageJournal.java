package dev.parley.message;

import dev.parley.conversation.Conversations;
import dev.parley.shared.EmbeddedStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The message writer's journal, on the embedded database: what each of the writer's commits stored, appended to a file
 * of its lane's with one {@code write} before the senders hear that their messages are stored, while H2 writes its own
 * pages in the background ({@link EmbeddedStore#deferWrites}), those of many commits at once.
 *
 * <p>Why: with {@code WRITE_DELAY=0} H2 writes every page a commit changed, whole, before the commit returns: the
 * last leaf of the messages, a leaf of each index per conversation in the batch, the conversations' heads, and their
 * parents; at 8,000 messages a second that was 45 % of the writer thread's time (docs/benchmarks.md). An entry here
 * is the batch's own rows, a few hundred bytes per message. Both writes reach the operating system before the
 * acknowledgement, neither waits for the disk: an acknowledged message survives the process being killed, as before.
 *
 * <p>At start-up, before the writer runs, each journal is read and every entry whose messages the database lacks (H2
 * had not written that commit's pages when the process ended) is stored again in one transaction: its messages, its
 * conversations' last messages where they are behind, its senders' read cursors and its mentions. Then the store is
 * written and the journals are removed. A lane's journal starts afresh whenever it passes {@code maxSize}, after the
 * store is written; and when the writer stops. An entry cut short at the end of a file (the process ended while
 * writing it) belongs to a commit nobody was told of, and is left out.
 *
 * <p>A commit that carries a system message with an action (a member added or removed, a group renamed) is not
 * journaled: its action's writes are not the writer's to replay, so the store is written after it instead, as with
 * {@code WRITE_DELAY=0}. Only on an embedded H2 file database; elsewhere (in memory, PostgreSQL, MariaDB) the database
 * makes each commit durable itself and this does nothing.
 */
@Component
class MessageJournal implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(MessageJournal.class);
    private static final int HEADER_BYTES = 8; // the entry's length and its CRC-32C
    private static final int MAX_ENTRY_BYTES = 256 << 20;
    private static final String SUFFIX = ".journal-";

    /** What one commit of the writer stored. */
    record Entry(
            List<Message> messages,
            List<Conversations.Appended> appended,
            Map<Long, Long> lastSeqs,
            List<Conversations.SenderRead> reads) {}

    private final @Nullable EmbeddedStore store;
    private final MessageSettings.Journal settings;
    private final MessageStore messages;
    private final Conversations conversations;
    private final TransactionTemplate transactions;

    MessageJournal(
            DataSource dataSource,
            MessageSettings settings,
            MessageStore messages,
            Conversations conversations,
            TransactionTemplate transactions) {
        this.settings = settings.journal();
        this.store = settings.journal().enabled() && dataSource instanceof EmbeddedStore embedded ? embedded : null;
        this.messages = messages;
        this.conversations = conversations;
        this.transactions = transactions;
    }

    /** Whether the writer journals its commits; if not, the database makes each commit durable itself. */
    boolean enabled() {
        return store != null;
    }

    /** Replays what the journals hold that the database lost, then lets H2 write its pages in the background. */
    @Override
    public void afterPropertiesSet() throws IOException, SQLException {
        if (!enabled()) {
            return;
        }
        var journals = journals();
        EmbeddedStore.journaling(true); // the replay's commits are written once, at the end
        try {
            store.deferWrites(settings.writeDelay());
            for (var journal : journals) {
                replay(journal);
            }
            store.write();
        } finally {
            EmbeddedStore.journaling(false);
        }
        for (var journal : journals) {
            Files.delete(journal);
        }
    }

    /**
     * A lane's journal, to be used by that lane's thread alone, which marks itself {@linkplain
     * EmbeddedStore#journaling journaling}.
     */
    Lane open(int lane) throws IOException {
        if (!enabled()) {
            return new Lane(null, null);
        }
        var path = Path.of(store.file() + SUFFIX + lane);
        return new Lane(
                path,
                FileChannel.open(
                        path,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING));
    }

    /** A lane's journal file; without one (the journal is off) each method does nothing. */
    final class Lane implements AutoCloseable {

        private final @Nullable Path path;
        private final @Nullable FileChannel channel;

        private Lane(@Nullable Path path, @Nullable FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        /** Makes a commit the journal cannot replay durable: writes the store. */
        void writeStore() {
            if (channel != null) {
                store.write();
            }
        }

        /** Makes a commit's messages durable: appends its entry; if the journal cannot be written, writes the store. */
        void append(Entry entry) {
            if (channel == null) {
                return;
            }
            try {
                var buffer = frame(entry);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (channel.position() >= settings.maxSize().toBytes()) {
                    restart();
                }
            } catch (IOException e) {
                log.warn(
                        "The message journal could not be written ({}); writing the database's store instead",
                        e.toString());
                store.write();
            }
        }

        /** Writes the store, then empties the journal: the database holds everything it held. */
        private void restart() throws IOException {
            store.write();
            channel.truncate(0);
            channel.position(0);
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                store.write();
                channel.close();
                Files.deleteIfExists(path);
            }
        }
    }

    private List<Path> journals() throws IOException {
        var directory = store.file().toAbsolutePath().getParent();
        var prefix = store.file().getFileName() + SUFFIX;
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .toList();
        }
    }

    private void replay(Path journal) throws IOException {
        var entries = read(journal);
        int replayed = 0;
        for (var entry : entries) {
            Boolean stored = transactions.execute(status -> replay(entry));
            if (Boolean.TRUE.equals(stored)) {
                replayed++;
            }
        }
        log.info(
                "Message journal {}: {} of its {} commits were not in the database and were stored again",
                journal.getFileName(),
                replayed,
                entries.size());
    }

    /** Stores an entry's writes again unless its commit is in the database (a commit is whole or not there). */
    private boolean replay(Entry entry) {
        var ids = entry.messages().stream().map(Message::id).toList();
        if (messages.countByIds(ids) > 0) {
            return false;
        }
        messages.insert(entry.messages());
        conversations.replayInTransaction(entry.appended(), entry.lastSeqs(), entry.reads());
        entry.messages().forEach(m -> MessageWriter.mention(conversations, m));
        return true;
    }

    /** The entries of a journal, up to the first that is cut short or damaged. */
    static List<Entry> read(Path journal) throws IOException {
        var entries = new ArrayList<Entry>();
        try (var in = new DataInputStream(Files.newInputStream(journal))) {
            while (true) {
                var header = in.readNBytes(HEADER_BYTES);
                if (header.length < HEADER_BYTES) {
                    break;
                }
                var fields = ByteBuffer.wrap(header);
                int length = fields.getInt();
                int checksum = fields.getInt();
                if (length <= 0 || length > MAX_ENTRY_BYTES) {
                    break;
                }
                var bytes = in.readNBytes(length);
                var crc = new CRC32C();
                crc.update(bytes);
                if (bytes.length < length || (int) crc.getValue() != checksum) {
                    break;
                }
                entries.add(decode(bytes));
            }
        }
        return entries;
    }

    /** An entry as a journal holds it: its length, its CRC-32C and its bytes, ready to be written. */
    static ByteBuffer frame(Entry entry) {
        var bytes = encode(entry);
        var crc = new CRC32C();
        crc.update(bytes);
        return ByteBuffer.allocate(HEADER_BYTES + bytes.length)
                .putInt(bytes.length)
                .putInt((int) crc.getValue())
                .put(bytes)
                .flip();
    }

    static byte[] encode(Entry entry) {
        var bytes = new ByteArrayOutputStream(256 * entry.messages().size());
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(entry.messages().size());
            for (var m : entry.messages()) {
                out.writeLong(m.id());
                out.writeLong(m.conversationId());
                out.writeLong(m.seq());
                out.writeLong(m.senderId());
                writeString(out, m.clientMsgId());
                writeString(out, m.kind());
                writeString(out, m.body());
                out.writeBoolean(m.media() != null);
                if (m.media() != null) {
                    writeString(out, m.media().id());
                    out.writeInt(m.media().width());
                    out.writeInt(m.media().height());
                }
                out.writeBoolean(m.replyTo() != null);
                if (m.replyTo() != null) {
                    out.writeLong(m.replyTo().id());
                    out.writeLong(m.replyTo().seq());
                }
                out.writeBoolean(Boolean.TRUE.equals(m.forwarded()));
                out.writeBoolean(Boolean.TRUE.equals(m.mentionAll()));
                out.writeInt(m.mentions() == null ? -1 : m.mentions().size());
                for (long mentioned : m.mentions() == null ? List.<Long>of() : m.mentions()) {
                    out.writeLong(mentioned);
                }
                out.writeLong(m.createdAt());
            }
            out.writeInt(entry.appended().size());
            for (var a : entry.appended()) {
                out.writeLong(a.conversationId());
                out.writeInt(a.senderIds().length);
                for (long sender : a.senderIds()) {
                    out.writeLong(sender);
                }
                out.writeLong(a.lastMessageId());
                writeString(out, a.lastKind());
                writeString(out, a.lastPreview());
                out.writeLong(a.at());
                out.writeLong(entry.lastSeqs().get(a.conversationId()));
            }
            out.writeInt(entry.reads().size());
            for (var r : entry.reads()) {
                out.writeLong(r.conversationId());
                out.writeLong(r.userId());
                out.writeLong(r.seq());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static Entry decode(byte[] bytes) throws IOException {
        var in = new DataInputStream(new ByteArrayInputStream(bytes));
        int count = in.readInt();
        var stored = new ArrayList<Message>(count);
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            long conversationId = in.readLong();
            long seq = in.readLong();
            long senderId = in.readLong();
            var clientMsgId = readString(in);
            var kind = readString(in);
            var body = readString(in);
            var media = in.readBoolean() ? new Message.Media(readString(in), in.readInt(), in.readInt()) : null;
            var replyTo = in.readBoolean() ? new Message.Reply(in.readLong(), in.readLong()) : null;
            boolean forwarded = in.readBoolean();
            boolean mentionAll = in.readBoolean();
            int mentioned = in.readInt();
            List<Long> mentions = null;
            if (mentioned >= 0) {
                mentions = new ArrayList<>(mentioned);
                for (int j = 0; j < mentioned; j++) {
                    mentions.add(in.readLong());
                }
            }
            var draft = new MessageWriter.Draft(kind, body, media, replyTo, forwarded, mentions, mentionAll, "");
            stored.add(draft.toMessage(id, conversationId, seq, senderId, clientMsgId, in.readLong()));
        }
        int conversationCount = in.readInt();
        var appended = new ArrayList<Conversations.Appended>(conversationCount);
        var lastSeqs = new HashMap<Long, Long>();
        for (int i = 0; i < conversationCount; i++) {
            long conversationId = in.readLong();
            var senders = new long[in.readInt()];
            for (int j = 0; j < senders.length; j++) {
                senders[j] = in.readLong();
            }
            appended.add(new Conversations.Appended(
                    conversationId, senders, in.readLong(), readString(in), readString(in), in.readLong()));
            lastSeqs.put(conversationId, in.readLong());
        }
        int readCount = in.readInt();
        var reads = new ArrayList<Conversations.SenderRead>(readCount);
        for (int i = 0; i < readCount; i++) {
            reads.add(new Conversations.SenderRead(in.readLong(), in.readLong(), in.readLong()));
        }
        return new Entry(stored, appended, lastSeqs, reads);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        var bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_ENTRY_BYTES) {
            throw new IOException("a string of " + length + " bytes");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
