package dev.parley.gateway;

import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * The frames waiting to be written to the connections of one event loop. Any thread may add to it; the first addition
 * after a drain schedules one task on the loop, which writes everything that has gathered and then flushes each
 * connection it wrote to once. A message pushed to the 99 other members of a group therefore costs each event loop one
 * task and each connection one flush, where a task and a flush per connection would keep the loops busy with
 * scheduling; and every frame of a connection, whoever adds it, goes out in the order it was added.
 */
final class Outbox implements Runnable {

    /** Frames written by one task at most, so that other work on the loop is not held up by a burst. */
    private static final int MAX_PER_TASK = 4096;

    /** A frame for the connection, or the {@link CloseStatus} it closes with. */
    private record Delivery(Connection connection, Object item) {}

    private final EventExecutor loop;
    private final Queue<Delivery> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    Outbox(EventExecutor loop) {
        this.loop = loop;
    }

    /** Queues a frame for the connection, to be written on the loop (see {@link Connection#write}). */
    void add(Connection connection, WebSocketFrame frame) {
        queue(new Delivery(connection, frame));
    }

    /** Queues the connection's close, after the frames already queued for it. */
    void add(Connection connection, CloseStatus status) {
        queue(new Delivery(connection, status));
    }

    private void queue(Delivery delivery) {
        queue.offer(delivery);
        if (scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this);
            } catch (RejectedExecutionException shuttingDown) {
                discard();
            }
        }
    }

    @Override
    public void run() {
        // cleared before draining: whatever is added from now on either is drained below or schedules another run
        scheduled.set(false);
        var written = new ArrayList<Connection>();
        Delivery delivery;
        for (int n = 0; n < MAX_PER_TASK && (delivery = queue.poll()) != null; n++) {
            if (delivery.connection().write(delivery.item())) {
                written.add(delivery.connection());
            }
        }
        for (var connection : written) {
            connection.flush();
        }
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            loop.execute(this);
        }
    }

    private void discard() {
        Delivery delivery;
        while ((delivery = queue.poll()) != null) {
            if (delivery.item() instanceof CloseStatus) {
                delivery.connection().terminated(); // its loop is gone, and the connection with it
            }
            ReferenceCountUtil.release(delivery.item());
        }
    }
}
