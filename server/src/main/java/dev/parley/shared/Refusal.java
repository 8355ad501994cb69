package dev.parley.shared;

/**
 * A request that the server refuses for a reason the caller can act on. Each subclass names what
 * happened and carries a stable {@link #code()}: HTTP answers it as a problem response with
 * {@link #status()}, the WebSocket gateway as an error frame.
 */
public abstract class Refusal extends RuntimeException {

    private final String code;
    private final int status;

    protected Refusal(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    /** The stable, machine-readable code, for example {@code not_a_member}. */
    public final String code() {
        return code;
    }

    /** The HTTP status this refusal maps to. */
    public final int status() {
        return status;
    }
}
