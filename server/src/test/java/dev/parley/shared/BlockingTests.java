package dev.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BlockingTests {

    /**
     * A connection that closes cancels what its frame started; the work must still run to its end undisturbed: an
     * interrupt during a write to H2's file closes the file, and with it the database, for every user.
     */
    @Test
    void cancellingACallLetsItsWorkFinishWithoutAnInterrupt() throws Exception {
        try (var blocking = new Blocking()) {
            var started = new CountDownLatch(1);
            var finished = new CountDownLatch(1);
            var interrupted = new AtomicBoolean();
            var subscription = blocking.call(() -> {
                        started.countDown();
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            interrupted.set(true);
                        }
                        finished.countDown();
                        return 1;
                    })
                    .subscribe();
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            subscription.dispose();
            assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(interrupted).isFalse();
        }
    }
}
