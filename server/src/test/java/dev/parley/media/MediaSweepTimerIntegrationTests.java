package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** The node sweeps on its own, every sweep-interval; the context is closed after, so that its timer stops. */
@ServerTest
@TestPropertySource(properties = "parley.media.sweep-interval=100ms")
@DirtiesContext
class MediaSweepTimerIntegrationTests {

    @Autowired
    TestServer server;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAgedUploadThatNothingShowsIsDeletedWithoutBeingAsked() throws Exception {
        var alice = server.newUser("timer");
        var image =
                server.client().uploadImage(alice.token(), TestImages.png(30, 30), "unsent.png", "image/png", "chat");
        jdbc.sql("UPDATE media SET created_at = created_at - ? WHERE id = ?")
                .params(Duration.ofHours(25).toMillis(), image.id())
                .update();

        for (int waited = 0; rows(image.id()) > 0; waited += 50) {
            assertThat(waited).as("waited for a sweep").isLessThan(10_000);
            Thread.sleep(50);
        }
    }

    private long rows(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM media WHERE id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }
}
