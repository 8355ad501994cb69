package dev.parley.bench;

import dev.parley.client.Model;
import dev.parley.client.ParleyClient;

/** Makes two bench users friends: one-to-one messages need a friendship. */
final class Friends {

    private Friends() {}

    static void befriend(ParleyClient client, Model.Session a, Model.Session b) {
        var request = client.sendFriendRequest(a.token(), b.userId(), "bench");
        client.acceptFriendRequest(b.token(), request.id());
    }
}
