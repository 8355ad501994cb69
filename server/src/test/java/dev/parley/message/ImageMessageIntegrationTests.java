package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.client.ParleyException;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.CompletionException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ServerTest
class ImageMessageIntegrationTests {

    @Autowired
    TestServer server;

    private static byte[] png(int width, int height) throws Exception {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void imageMessageReachesTheOtherMemberWhoMayThenLoadTheImageWhileOutsidersMayNot() throws Exception {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        var mallory = server.newUser("mallory");
        server.befriend(alice, bob);
        var uploaded = server.client().uploadImage(alice.token(), png(640, 480), "cat.png", "image/png", "chat");

        try (var sender = server.messenger(alice);
                var receiver = server.messenger(bob)) {
            var sent = sender.messenger()
                    .sendImage(new Messenger.Target.User(bob.userId()), uploaded.id(), "my cat")
                    .join();
            assertThat(sent.kind()).isEqualTo("image");
            assertThat(sent.media()).isEqualTo(new Model.Media(uploaded.id(), 640, 480));
            assertThat(sent.body()).isEqualTo("my cat");

            var received = receiver.awaitMessages(sent.conversationId(), 1).getFirst();
            assertThat(received).isEqualTo(sent);
        }

        var forBob = server.client().image(bob.token(), uploaded.id());
        assertThat(server.client().bytes(forBob.urls().thumbnail(), null)).isNotEmpty();
        assertThatThrownBy(() -> server.client().image(mallory.token(), uploaded.id()))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("unknown_media"));

        var conversation = server.client().conversations(bob.token()).getFirst();
        assertThat(conversation.lastMessage().preview()).isEqualTo("[image] my cat");
        var history = server.client()
                .messagesAfter(bob.token(), conversation.id(), 0, null, 10)
                .messages();
        assertThat(history).extracting(Model.Message::media).containsExactly(new Model.Media(uploaded.id(), 640, 480));
    }

    @Test
    void recallingTheOnlyMessageThatShowsAnImageTakesItAwayFromTheOtherMembersButNotAnotherCopy() throws Exception {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        var carol = server.newUser("carol");
        server.befriend(alice, bob);
        server.befriend(alice, carol);
        var uploaded = server.client().uploadImage(alice.token(), png(32, 32), "dot.png", "image/png", "chat");
        Model.Message toBob;
        try (var sender = server.messenger(alice)) {
            toBob = sender.messenger()
                    .sendImage(new Messenger.Target.User(bob.userId()), uploaded.id(), "")
                    .join();
            sender.messenger()
                    .sendImage(new Messenger.Target.User(carol.userId()), uploaded.id(), "")
                    .join();
        }
        assertThat(server.client().image(bob.token(), uploaded.id()).id()).isEqualTo(uploaded.id());

        server.client().recall(alice.token(), toBob.id());

        assertThatThrownBy(() -> server.client().image(bob.token(), uploaded.id()))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("unknown_media"));
        assertThat(server.client().image(carol.token(), uploaded.id()).id()).isEqualTo(uploaded.id());
        assertThat(server.client().image(alice.token(), uploaded.id()).id()).isEqualTo(uploaded.id());
    }

    @Test
    void imagesThatDoNotExistOrThatTheSenderMayNotReadCannotBeSent() throws Exception {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        var carol = server.newUser("carol");
        server.befriend(alice, bob);
        var carols = server.client().uploadImage(carol.token(), png(32, 32), "secret.png", "image/png", "chat");
        try (var sender = server.messenger(alice)) {
            for (var mediaId : new String[] {"no-such-image", carols.id()}) {
                var refused = sender.messenger().sendImage(new Messenger.Target.User(bob.userId()), mediaId, null);
                assertThatThrownBy(refused::join)
                        .isInstanceOf(CompletionException.class)
                        .cause()
                        .isInstanceOfSatisfying(
                                ParleyException.class, e -> assertThat(e.code()).isEqualTo("unknown_media"));
            }
        }
        assertThatThrownBy(() -> server.client().image(bob.token(), carols.id()))
                .as("a refused send grants nothing")
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("unknown_media"));
    }

    @Test
    void avatarMustBeAnAvatarImageTheUserUploaded() throws Exception {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        var avatar = server.client().uploadImage(alice.token(), png(200, 200), "me.png", "image/png", "avatar");
        var chatImage = server.client().uploadImage(alice.token(), png(100, 100), "x.png", "image/png", "chat");
        var bobsAvatar = server.client().uploadImage(bob.token(), png(150, 150), "bob.png", "image/png", "avatar");

        var profile = server.client().updateProfile(alice.token(), Map.of("avatarId", avatar.id()));
        assertThat(profile.profile().avatarId()).isEqualTo(avatar.id());
        assertThat(server.client().image(bob.token(), avatar.id()).urls().thumbnail())
                .as("any logged-in user may load an avatar")
                .isNotBlank();

        for (var wrong : new String[] {chatImage.id(), bobsAvatar.id(), "nonexistent"}) {
            assertThatThrownBy(() -> server.client().updateProfile(alice.token(), Map.of("avatarId", wrong)))
                    .isInstanceOfSatisfying(
                            ParleyException.class, e -> assertThat(e.code()).isEqualTo("invalid_profile"));
        }
        assertThat(server.client()
                        .updateProfile(alice.token(), Map.of("avatarId", ""))
                        .profile()
                        .avatarId())
                .as("an empty id removes the avatar")
                .isNull();
    }
}
