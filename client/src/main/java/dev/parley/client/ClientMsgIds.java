package dev.parley.client;

import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the {@code clientMsgId} of a send: twelve hex digits of the current time in milliseconds, a dash and twenty
 * random hex digits (80 bits), for example {@code 019ad4c3e2f1-5be0c41a9d27f3e86b10}. Ids made later sort after ids
 * made earlier (as strings), so the server's index of them (it de-duplicates on sender and {@code clientMsgId}) grows
 * at its end, and a commit rewrites one of its pages instead of one per message (docs/protocol.md, docs/benchmarks.md).
 * The random part keeps ids of the same millisecond, and of other devices, apart.
 */
public final class ClientMsgIds {

    private static final HexFormat HEX = HexFormat.of();

    private final Clock clock;

    public ClientMsgIds(Clock clock) {
        this.clock = clock;
    }

    /** Ids on the system clock. */
    public static ClientMsgIds system() {
        return new ClientMsgIds(Clock.systemUTC());
    }

    public String next() {
        var random = ThreadLocalRandom.current();
        long time = clock.millis();
        return HEX.toHexDigits(time).substring(4) // 48 bits of milliseconds: until the year 10889
                + "-"
                + HEX.toHexDigits(random.nextLong())
                + HEX.toHexDigits((short) random.nextInt());
    }
}
