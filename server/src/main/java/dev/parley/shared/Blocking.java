package dev.parley.shared;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs blocking work (JDBC, password hashing) on virtual threads when it is called from reactive
 * code, so that no event-loop thread ever waits on a database.
 *
 * <p>Work that has started runs to its end even when its subscriber cancels (a connection that closes cancels what
 * its frames started): the scheduler is a plain {@code Executor}, which has no future to cancel, because Reactor
 * cancels an {@code ExecutorService}'s task by interrupting its thread, and an interrupt during a write to H2's file
 * closes the file, and with it the database, for every user.
 */
@Component
public final class Blocking implements AutoCloseable {

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("blocking-", 0).factory());
    // a method reference, not the ExecutorService itself, which Reactor would treat as one
    private final Scheduler scheduler = Schedulers.fromExecutor(executor::execute);

    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler);
    }

    /** Runs the work on a virtual thread of its own. */
    public void execute(Runnable work) {
        executor.execute(work);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.dispose();
        executor.shutdown(); // lets what runs finish: no interrupts (above)
    }
}
