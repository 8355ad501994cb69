package dev.parley.shared;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import org.springframework.context.SmartLifecycle;

/**
 * Platform threads that store what callers queue, started with the application and stopped after the web server, so
 * that everything accepted before it stopped is stored: the message writer's lanes and the cursor batches.
 *
 * <p>Each thread loops while {@link #running()} or its queue holds something, so that it stores what was queued
 * before {@link #stop()}; callers queue with {@link #queue}, which never leaves anything in a queue that nobody reads.
 * Platform threads, not virtual ones: a commit holds the embedded database's store lock, and a virtual thread holding
 * it could wait for a carrier behind the many virtual threads that handle frames (docs/benchmarks.md, 2026-12-01 late
 * night). Stop does not interrupt them: an interrupt could land in the middle of a database write (H2 closes its file
 * on interrupt).
 */
public abstract class WriterThreads implements SmartLifecycle {

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private volatile boolean running;
    private List<Thread> threads = List.of();

    /** Starts the threads; called on every {@link #start()}, as a stopped writer may be started again. */
    protected abstract List<Thread> startThreads();

    /** Whether the threads are to go on taking what is queued; once false, they store what is left and end. */
    protected final boolean running() {
        return running;
    }

    /** For a thread that was interrupted: it and the others store what is queued, then end. */
    protected final void halt() {
        running = false;
    }

    /**
     * Queues an item for a caller that found the writer running; returns false if it was refused (the queue is full,
     * or the writer has stopped). {@link #stop()} may have come in between, and the thread may have ended, so
     * {@code running} is read again after the offer (as in {@code ThreadPoolExecutor.execute}). A thread ends only
     * when it reads {@code running} false and then finds its queue empty. If the second read here finds it true, the
     * offer came before stop's write, which comes before the thread's last read and its look at the queue: the thread
     * sees the item and stores it. If it finds it false, the item is taken back and refused, unless the thread has
     * already taken it and will store it; then this returns true. Either way the item is stored or refused, and
     * nothing is left in a queue that nobody reads.
     */
    protected final <T> boolean queue(Queue<T> queue, T item) {
        return queue.offer(item) && (running || !queue.remove(item));
    }

    @Override
    public void start() {
        running = true;
        threads = startThreads();
    }

    @Override
    public void stop() {
        running = false;
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            for (var thread : threads) {
                thread.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop after the web server (graceful shutdown at DEFAULT_PHASE - 1024, stop at - 2048), so that everything
        // accepted before it stopped is stored
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
