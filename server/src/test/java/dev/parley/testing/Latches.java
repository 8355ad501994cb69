package dev.parley.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting on latches from code that cannot throw, such as a lambda a test runs inside the server. */
public final class Latches {

    private Latches() {}

    /** Waits for the latch at most {@code seconds}; an interrupt ends the wait and stays set on the thread. */
    public static void awaitQuietly(CountDownLatch latch, long seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
