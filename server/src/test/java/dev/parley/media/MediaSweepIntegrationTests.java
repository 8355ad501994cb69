package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.testing.Recorder;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

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

    @Autowired
    StoredImages images;

    @Autowired
    ObjectProvider<MediaReferences> references;

    @Autowired
    MediaSettings settings;

    @Autowired
    Clock clock;

    @Autowired
    TransactionTemplate transactions;

    /**
     * Across the tests, whose uploads share the database: each picture's bytes are new (one pixel taller than wide,
     * unlike the other tests' pictures).
     */
    private static final AtomicInteger size = new AtomicInteger(20);

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

        age(sent, recalled, neverSent, oldAvatar, avatar, groupAvatar);

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

    @Test
    void anUploadOfTheBytesTheSweepIsDeletingWaitsForItAndStoresThemAnew() throws Exception {
        var alice = server.newUser("sweptfirst");
        var bob = server.newUser("uploadsagain");
        var bytes = picture();
        var old = upload(alice, "chat", bytes);
        age(old);
        var deleting = new CountDownLatch(1);
        var resume = new CountDownLatch(1);
        var pausing = new PausingStorage(storage, old.hash(), deleting, resume);
        var sweep = CompletableFuture.supplyAsync(
                () -> new MediaSweeper(images, pausing, references, settings, clock, transactions).sweep(),
                Thread::startVirtualThread);
        assertThat(deleting.await(10, TimeUnit.SECONDS))
                .as("the sweep deletes the objects of the bytes no upload has")
                .isTrue();

        var again = CompletableFuture.supplyAsync(() -> upload(bob, "chat", bytes), Thread::startVirtualThread);
        giveTime(again); // without the content's lock it finishes here, before the deletion
        resume.countDown();
        assertThat(sweep.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
        var uploaded = again.get(10, TimeUnit.SECONDS);

        assertThat(exists(old.id())).isFalse();
        assertThat(objectsOf(uploaded))
                .as("the new upload's objects outlive the sweep")
                .isTrue();
        assertThat(server.http()
                        .send(
                                HttpRequest.newBuilder(server.client()
                                                .base()
                                                .resolve(uploaded.image().urls().original()))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anUploadOfNewBytesThatAnotherUploadIsAddingAtTheSameMomentIsKept() throws Exception {
        var bob = server.newUser("sameinstant");
        var bytes = picture();
        var adding = new CountDownLatch(1);
        var commit = new CountDownLatch(1);
        var other = CompletableFuture.runAsync(
                () -> transactions.executeWithoutResult(status -> {
                    images.addContent(MediaUploads.sha256(bytes));
                    adding.countDown();
                    await(commit);
                }),
                Thread::startVirtualThread);
        assertThat(adding.await(10, TimeUnit.SECONDS)).isTrue();

        var upload = CompletableFuture.supplyAsync(() -> upload(bob, "chat", bytes), Thread::startVirtualThread);
        giveTime(upload); // it waits for the other upload's content row
        commit.countDown();
        other.get(10, TimeUnit.SECONDS);
        var uploaded = upload.get(10, TimeUnit.SECONDS);

        assertThat(exists(uploaded.id())).isTrue();
        assertThat(objectsOf(uploaded)).isTrue();
    }

    /** Half a second for the upload to get as far as it can (to its end, or to a lock it waits for). */
    private static void giveTime(CompletableFuture<?> upload) throws Exception {
        try {
            upload.get(500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException waiting) {
            // it waits
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Storage whose deletion of one content's objects waits until the test lets it go on. */
    private record PausingStorage(MediaStorage storage, String hash, CountDownLatch deleting, CountDownLatch resume)
            implements MediaStorage {

        @Override
        public boolean store(String key, byte[] bytes, String contentType) {
            return storage.store(key, bytes, contentType);
        }

        @Override
        public Optional<byte[]> read(String key) {
            return storage.read(key);
        }

        @Override
        public boolean exists(String key) {
            return storage.exists(key);
        }

        @Override
        public void delete(String key) {
            if (key.startsWith(hash)) {
                deleting.countDown();
                await(resume);
            }
            storage.delete(key);
        }
    }

    private void age(Uploaded... uploads) {
        jdbc.sql("UPDATE media SET created_at = created_at - :age WHERE id IN (:ids)")
                .param("age", Duration.ofHours(25).toMillis())
                .param("ids", Stream.of(uploads).map(Uploaded::id).toList())
                .update();
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

    /** A PNG unlike any other uploaded in this run. */
    private byte[] picture() {
        int side = size.addAndGet(2);
        return TestImages.png(side, side + 1);
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
