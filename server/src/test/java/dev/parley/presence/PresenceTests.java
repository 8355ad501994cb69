package dev.parley.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.parley.conversation.Conversations;
import dev.parley.gateway.PresenceChanged;
import dev.parley.shared.Blocking;
import dev.parley.shared.Notice;
import dev.parley.social.Friendships;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PresenceTests {

    private static final long BOB = 1;
    private static final long ALICE = 2;

    private final PresenceRows rows = mock(PresenceRows.class);
    private final Friendships friendships = mock(Friendships.class);
    private final Conversations conversations = mock(Conversations.class);
    private final Blocking blocking = new Blocking();

    private final List<Presence.View> told = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch secondTold = new CountDownLatch(1);
    private final AtomicInteger notices = new AtomicInteger();

    @AfterEach
    void close() {
        blocking.close();
    }

    /**
     * Friends are told of Bob's presence by a publisher that holds the first notice until the second has been told
     * (or a second has passed): unless the second change waits for the first, Alice hears "offline" and then "online".
     */
    @Test
    void aUsersChangesAreToldInTheOrderTheyHappened() throws Exception {
        when(friendships.friendsOf(BOB)).thenReturn(Set.of(ALICE));
        when(conversations.groupsOf(BOB)).thenReturn(List.of());
        when(rows.lastSeen(BOB)).thenReturn(new PresenceRows.LastSeen(1_000L, false));
        var presence = new Presence(
                rows,
                friendships,
                conversations,
                event -> {
                    var view = (Presence.View) ((Notice) event).data();
                    if (notices.getAndIncrement() == 0) {
                        firstStarted.countDown();
                        await(secondTold, 1);
                        told.add(view);
                    } else {
                        told.add(view);
                        secondTold.countDown();
                    }
                },
                blocking,
                Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));

        presence.on(new PresenceChanged(BOB, true));
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        presence.on(new PresenceChanged(BOB, false));

        assertThat(await(secondTold, 5)).isTrue();
        Thread.sleep(100); // nothing more may come
        assertThat(told).containsExactly(new Presence.View(BOB, true, null), new Presence.View(BOB, false, 1_000L));
    }

    private static boolean await(CountDownLatch latch, int seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
