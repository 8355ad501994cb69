package dev.parley.client;

/** The server refused a request: {@link #code()} is its stable error code (see docs/protocol.md). */
public final class ParleyException extends RuntimeException {

    private final int status;
    private final String code;

    public ParleyException(int status, String code, String message) {
        super(code + ": " + message);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status, or 0 for an error frame on the WebSocket. */
    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
