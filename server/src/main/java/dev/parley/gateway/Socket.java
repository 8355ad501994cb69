package dev.parley.gateway;

import org.springframework.web.reactive.socket.CloseStatus;

/** The network side of a {@link Connection}: how it closes. Its frames go out through {@link Connection#outbound()}. */
interface Socket {

    /** Starts the close handshake with the status. */
    void close(CloseStatus status);

    /** Drops the network connection without a close handshake. */
    void abort();
}
