package dev.parley.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** The gateway's meters: frames in and out, send-to-acknowledgement latency, closes by reason. */
@Component
class GatewayMetrics {

    private final Counter framesIn;
    private final Counter framesOut;
    private final Timer sendToAck;
    private final MeterRegistry meters;

    GatewayMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.framesIn = Counter.builder("parley.frames.in")
                .description("WebSocket frames received")
                .register(meters);
        this.framesOut = Counter.builder("parley.frames.out")
                .description("WebSocket frames sent")
                .register(meters);
        this.sendToAck = Timer.builder("parley.send.ack.latency")
                .description("From a send frame's arrival to its acknowledgement, after commit")
                .publishPercentileHistogram()
                .register(meters);
    }

    void frameIn() {
        framesIn.increment();
    }

    void frameOut() {
        framesOut.increment();
    }

    void acknowledged(long receivedNanos) {
        sendToAck.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
    }

    /** The server closed a connection with this code (see {@link CloseCodes}). */
    void closedByServer(int code) {
        Counter.builder("parley.connections.closed")
                .description("WebSocket connections the server closed, by close code")
                .tag("code", Integer.toString(code))
                .register(meters)
                .increment();
    }
}
