package dev.parley.gateway;

import io.netty.channel.ChannelId;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * The server's open network channels by id, so that a connection whose peer stopped reading (and
 * so never takes the close frame) can still be dropped. Netty removes a channel when it closes.
 */
@Component
class Channels implements NettyServerCustomizer {

    private final ChannelGroup open = new DefaultChannelGroup("parley", GlobalEventExecutor.INSTANCE);

    @Override
    public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
        return server.doOnConnection(connection -> open.add(connection.channel()));
    }

    void drop(ChannelId id) {
        var channel = open.find(id);
        if (channel != null) {
            channel.close();
        }
    }
}
