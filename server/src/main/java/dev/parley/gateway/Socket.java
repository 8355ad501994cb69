package dev.parley.gateway;

import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.springframework.web.reactive.socket.CloseStatus;

/** The network side of a {@link Connection}. Writes happen on the connection's event loop, through its {@link Outbox}. */
interface Socket {

    /** Writes the frame, to be sent at the next {@link #flush()}. */
    void write(WebSocketFrame frame);

    void flush();

    /** Frames (buffers, roughly one per frame) flushed to the socket but not yet taken by the network. */
    int waitingWrites();

    /** Starts the close handshake with the status. */
    void close(CloseStatus status);

    /** Drops the network connection without a close handshake. */
    void abort();
}
