package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.client.ParleyException;
import dev.parley.client.ParleySocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Records what a messenger hands its listener, for assertions. */
public class Recorder implements Messenger.Listener, AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(20);

    public final List<Model.Message> messages = new CopyOnWriteArrayList<>();
    public final List<Model.Receipt> receipts = new CopyOnWriteArrayList<>();
    Messenger messenger;

    public Messenger messenger() {
        return messenger;
    }

    @Override
    public void onMessage(Model.Message message) {
        messages.add(message);
    }

    @Override
    public void onReceipt(Model.Receipt receipt) {
        receipts.add(receipt);
    }

    /** Waits until the recorder holds at least {@code count} messages of the conversation. */
    public List<Model.Message> awaitMessages(long conversationId, int count) {
        await().atMost(PATIENCE).until(() -> in(conversationId).size() >= count);
        return in(conversationId);
    }

    public List<Model.Message> in(long conversationId) {
        return messages.stream()
                .filter(m -> m.conversationId() == conversationId)
                .toList();
    }

    @Override
    public void close() {
        messenger.close();
    }

    /** Records the frames a socket receives that answer no request (pushes, receipts, errors without id). */
    public static final class Frames implements Consumer<JsonNode> {
        private final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();

        @Override
        public void accept(JsonNode frame) {
            queue.add(frame);
        }

        /** The next frame matching the predicate (earlier non-matching ones are dropped), or null after the timeout. */
        public JsonNode next(Predicate<JsonNode> wanted, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    long left = deadline - System.nanoTime();
                    var frame = queue.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                    if (frame == null || wanted.test(frame)) {
                        return frame;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        public JsonNode next(String type) {
            return next(frame -> type.equals(frame.path("type").asString()), PATIENCE);
        }

        /** Frames of the type that arrive within the window. */
        public List<JsonNode> during(String type, Duration window) {
            var found = new java.util.ArrayList<JsonNode>();
            long deadline = System.nanoTime() + window.toNanos();
            JsonNode frame;
            while ((frame = next(
                            f -> type.equals(f.path("type").asString()),
                            Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))))
                    != null) {
                found.add(frame);
            }
            return found;
        }
    }

    /** A socket and the frames it received. */
    public record Socket(ParleySocket socket, Frames frames) implements AutoCloseable {
        @Override
        public void close() {
            socket.close();
        }

        /** Sends a frame that must be acknowledged; returns the stored message of the {@code ack}. */
        public JsonNode ack(ObjectNode frame) {
            var answer = socket.request(frame).join();
            assertThat(answer.path("type").asString()).as(answer.toString()).isEqualTo("ack");
            return answer.get("message");
        }

        /** Sends a frame that must be refused; returns the code of the {@code error} that answers it. */
        public String refusal(ObjectNode frame) {
            try {
                var answer = socket.request(frame).join();
                throw new AssertionError("expected an error, got " + answer);
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(ParleyException.class);
                return ((ParleyException) e.getCause()).code();
            }
        }
    }
}
