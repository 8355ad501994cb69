package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A wire that delivers each message, as it is sent, to the given recipients of its group. */
record Loopback(List<Set<Long>> groups, List<Set<Long>> deliverTo) implements Wire {

    @Override
    public String name() {
        return "loopback";
    }

    @Override
    public boolean acknowledges() {
        return false;
    }

    @Override
    public List<Pair> open(int pairs, Sink sink) {
        return openGroups(0, 0, sink, Driver.Progress.SILENT);
    }

    @Override
    public List<Pair> openGroups(int count, int members, Sink sink, Driver.Progress progress) {
        var pairs = new ArrayList<Pair>();
        for (int g = 0; g < groups.size(); g++) {
            long stream = g;
            var targets = deliverTo.get(g);
            pairs.add(new Pair(stream, groups.get(g), new Sender() {
                @Override
                public void send(String messageId, long sentNanos, long sequence) {
                    targets.forEach(r -> sink.delivered(r, messageId, stream, sequence, sentNanos));
                }

                @Override
                public void flush() {}
            }));
        }
        return pairs;
    }

    @Override
    public void close() {}
}
