package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay's forwarding, on embedded channels (no sockets, no WebSocket codec). */
class RelayTests {

    private final Relay.Forwarder forwarder = new Relay.Forwarder();
    private final EmbeddedChannel sender = new EmbeddedChannel(forwarder);
    private final EmbeddedChannel alice = new EmbeddedChannel(forwarder);
    private final EmbeddedChannel bob = new EmbeddedChannel(forwarder);
    private final EmbeddedChannel outsider = new EmbeddedChannel(forwarder);

    @AfterEach
    void close() {
        for (var channel : new EmbeddedChannel[] {sender, alice, bob, outsider}) {
            channel.finishAndReleaseAll();
        }
    }

    private static String received(EmbeddedChannel channel) {
        TextWebSocketFrame frame = channel.readOutbound();
        if (frame == null) {
            return null;
        }
        try {
            return frame.text();
        } finally {
            frame.release();
        }
    }

    private void join(EmbeddedChannel channel, long group) {
        channel.writeInbound(new TextWebSocketFrame("{\"join\":" + group + "}"));
        assertThat(received(channel)).isEqualTo("{\"joined\":" + group + "}");
    }

    @Test
    void aGroupFrameGoesToEverySubscriberButItsSenderWithoutCopying() {
        join(alice, 7);
        join(bob, 7);
        join(sender, 7);
        join(outsider, 8);
        var frame = new TextWebSocketFrame("{\"group\":7,\"id\":\"m1\",\"n\":1}");
        var content = frame.content();

        sender.writeInbound(frame);

        TextWebSocketFrame toAlice = alice.readOutbound();
        TextWebSocketFrame toBob = bob.readOutbound();
        assertThat(toAlice.text()).isEqualTo("{\"group\":7,\"id\":\"m1\",\"n\":1}");
        assertThat(toBob.text()).isEqualTo(toAlice.text());
        assertThat(toAlice.content().unwrap()).isSameAs(content); // duplicates of the one buffer
        assertThat(content.refCnt()).isEqualTo(2); // the original released, one reference per target
        toAlice.release();
        toBob.release();
        assertThat(content.refCnt()).isZero();
        assertThat(received(sender)).isNull();
        assertThat(received(outsider)).isNull();
        assertThat(received(alice)).isNull();
    }

    @Test
    void aClosedConnectionLeavesItsGroups() {
        join(alice, 7);
        join(bob, 7);
        bob.close();

        sender.writeInbound(new TextWebSocketFrame("{\"group\":7,\"id\":\"m1\"}"));

        assertThat(received(alice)).contains("m1");
        assertThat(received(bob)).isNull();
    }

    @Test
    void aFrameToAGroupNobodyJoinedIsDropped() {
        var frame = new TextWebSocketFrame("{\"group\":9,\"id\":\"m1\"}");
        sender.writeInbound(frame);
        assertThat(frame.refCnt()).isZero();
    }

    @Test
    void directFramesStillGoToTheNamedConnection() {
        alice.writeInbound(new TextWebSocketFrame("{\"hello\":3}"));
        join(bob, 3); // group 3 is not name 3

        sender.writeInbound(new TextWebSocketFrame("{\"to\":3,\"id\":\"m1\"}"));

        assertThat(received(alice)).isEqualTo("{\"to\":3,\"id\":\"m1\"}");
        assertThat(received(bob)).isNull();
    }
}
