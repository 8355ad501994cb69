package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.conversation.Conversations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the message journal writes an entry and reads it back, and where it stops reading a damaged file. */
class MessageJournalTests {

    @TempDir
    Path directory;

    private static final Message TEXT = new Message(
            11,
            7,
            41,
            3,
            "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            Message.TEXT,
            "héllo 👋 世界",
            null,
            null,
            null,
            null,
            null,
            1_700_000_000_000L);
    private static final Message IMAGE = new Message(
            12,
            7,
            42,
            4,
            "client-2",
            Message.IMAGE,
            "",
            new Message.Media("m-1", 640, 480),
            new Message.Reply(11, 41),
            true,
            List.of(3L, 5L),
            true,
            1_700_000_000_001L);

    private static MessageJournal.Entry entry(Message... messages) {
        var last = messages[messages.length - 1];
        var appended = new Conversations.Appended(
                last.conversationId(),
                Arrays.stream(messages).mapToLong(Message::senderId).toArray(),
                last.id(),
                last.kind(),
                "preview ✓",
                last.createdAt());
        return new MessageJournal.Entry(
                List.of(messages),
                List.of(appended),
                Map.of(last.conversationId(), last.seq()),
                List.of(new Conversations.SenderRead(last.conversationId(), 3, 41)));
    }

    @Test
    void anEntryReadsBackAsItWasWritten() throws IOException {
        var entry = entry(TEXT, IMAGE);

        var read = MessageJournal.decode(MessageJournal.encode(entry));

        assertThat(read.messages()).isEqualTo(entry.messages());
        assertThat(read.lastSeqs()).isEqualTo(entry.lastSeqs());
        assertThat(read.reads()).isEqualTo(entry.reads());
        var appended = read.appended().getFirst();
        var written = entry.appended().getFirst();
        assertThat(appended.senderIds()).containsExactly(3, 4);
        assertThat(appended)
                .usingRecursiveComparison()
                .ignoringFields("senderIds")
                .isEqualTo(written);
    }

    @Test
    void readingStopsBeforeAnEntryCutShort() throws IOException {
        var file = directory.resolve("parley.journal-0");
        write(file, frame(entry(TEXT)));
        write(file, frame(entry(IMAGE)));
        var third = frame(entry(TEXT, IMAGE));
        write(file, Arrays.copyOf(third, third.length - 5)); // the process ended while writing it

        assertThat(MessageJournal.read(file))
                .extracting(e -> e.messages().getFirst().id())
                .containsExactly(11L, 12L);
    }

    @Test
    void readingStopsAtAnEntryWhoseChecksumFails() throws IOException {
        var file = directory.resolve("parley.journal-0");
        write(file, frame(entry(TEXT)));
        var damaged = frame(entry(IMAGE));
        damaged[damaged.length - 1] ^= 1;
        write(file, damaged);
        write(file, frame(entry(TEXT)));

        assertThat(MessageJournal.read(file)).hasSize(1);
    }

    @Test
    void anEmptyJournalHasNoEntries() throws IOException {
        var file = Files.createFile(directory.resolve("parley.journal-0"));

        assertThat(MessageJournal.read(file)).isEmpty();
    }

    private static byte[] frame(MessageJournal.Entry entry) {
        var buffer = MessageJournal.frame(entry);
        var bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
