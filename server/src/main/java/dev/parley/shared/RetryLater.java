package dev.parley.shared;

/** A refusal after which the caller may try again once some seconds have passed. */
public interface RetryLater {

    long retryAfterSeconds();
}
