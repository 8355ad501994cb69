package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.testing.Recorder;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sweep deletes the uploads nothing shows once they are a day old, and keeps every other. */
@ServerTest
class MediaSweepIntegrationTests {

    @Autowired
    TestServer server;

    @Autowired
    MediaSweeper sweeper;

    @Autowired
    MediaStorage storage;

    @Autowired
    JdbcClient jdbc;

    private int size = 20;

    @Test
    void uploadsNothingShowsAreDeletedOnceADayOldWithTheirObjectsWhenNoOtherUploadHasTheBytes() throws Exception {
        var friends = server.newFriends("keeper", "other");
        var alice = friends.a();
        var bob = friends.b();
        var sent = upload(alice, "chat", picture());
        var recalled = upload(alice, "chat", picture());
        var neverSentBytes = picture();
        var neverSent = upload(alice, "chat", neverSentBytes);
        var bobsCopy = upload(bob, "chat", neverSentBytes); // the same bytes, uploaded today
        var oldAvatar = upload(alice, "avatar", picture());
        var avatar = upload(alice, "avatar", picture());
        var groupAvatar = upload(alice, "avatar", picture());
        var fresh = upload(alice, "chat", picture());

        try (var messenger = new Messenger(server.client(), alice, new Recorder()).start()) {
            var toBob = new Messenger.Target.User(bob.userId());
            messenger.sendImage(toBob, sent.id(), "kept").join();
            var gone = messenger.sendImage(toBob, recalled.id(), "recalled").join();
            server.client().recall(alice.token(), gone.id());
        }
        server.client().updateProfile(alice.token(), Map.of("avatarId", oldAvatar.id()));
        server.client().updateProfile(alice.token(), Map.of("avatarId", avatar.id()));
        var group = server.client().createGroup(alice.token(), "Sweepers", List.of(bob.userId()));
        server.client().updateGroup(alice.token(), group.id(), Map.of("avatarId", groupAvatar.id()));

        var aged = Stream.of(sent, recalled, neverSent, oldAvatar, avatar, groupAvatar)
                .map(Uploaded::id)
                .toList();
        jdbc.sql("UPDATE media SET created_at = created_at - :age WHERE id IN (:ids)")
                .param("age", Duration.ofHours(25).toMillis())
                .param("ids", aged)
                .update();

        // three of this test's uploads; on a database server shared by the suites, also other tests' aged ones
        assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(3);
        var left = Stream.of(sent, recalled, neverSent, bobsCopy, oldAvatar, avatar, groupAvatar, fresh)
                .filter(image -> exists(image.id()))
                .toList();
        assertThat(left).containsExactlyInAnyOrder(sent, bobsCopy, avatar, groupAvatar, fresh);
        assertThat(objectsOf(recalled)).isFalse();
        assertThat(objectsOf(oldAvatar)).isFalse();
        assertThat(objectsOf(neverSent))
                .as("Bob's upload of the same bytes keeps them")
                .isTrue();
        assertThat(objectsOf(sent)).isTrue();
        assertThat(server.client()
                        .messagesAfter(
                                bob.token(),
                                server.client().conversations(bob.token()).stream()
                                        .filter(c -> c.peerId() != null)
                                        .findFirst()
                                        .orElseThrow()
                                        .id(),
                                0,
                                null,
                                10)
                        .messages())
                .anySatisfy(message -> assertThat(message.media().id()).isEqualTo(sent.id()));

        assertThat(sweeper.sweep()).as("a second sweep finds nothing more").isZero();
    }

    /** An upload and the hash its objects are stored under. */
    private record Uploaded(Model.Image image, String hash) {
        String id() {
            return image.id();
        }
    }

    private Uploaded upload(Model.Session session, String purpose, byte[] png) {
        return new Uploaded(
                server.client().uploadImage(session.token(), png, "picture.png", "image/png", purpose),
                MediaUploads.sha256(png));
    }

    /** A PNG unlike any other this test made. */
    private byte[] picture() {
        size += 2;
        return TestImages.png(size, size);
    }

    private boolean exists(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM media WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private boolean objectsOf(Uploaded upload) {
        return storage.exists(MediaLibrary.key(upload.hash(), Variant.ORIGINAL));
    }
}
