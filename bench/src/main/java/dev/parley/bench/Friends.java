package dev.parley.bench;

import dev.parley.client.Model;
import dev.parley.client.ParleyClient;

/** Makes two bench users friends, where the server requires friendship for direct messages. */
final class Friends {

    private Friends() {}

    static void befriend(ParleyClient client, Model.Session a, Model.Session b) {
        // direct messages need no friendship yet; this becomes a request and its acceptance when they do
    }
}
