package dev.parley.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.parley.client.Model;
import dev.parley.client.ParleyException;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ServerTest
class ProfileIntegrationTests {

    @Autowired
    TestServer server;

    @Test
    void profileUpdatesAreVisibleToOthersWithoutPrivateSettings() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");

        var mine = server.client()
                .updateProfile(alice.token(), Map.of("nickname", "  Ally 🌸 ", "status", "on holiday\u0007"));
        assertThat(mine.profile().nickname()).isEqualTo("Ally 🌸");
        assertThat(mine.profile().status()).as("control characters are removed").isEqualTo("on holiday");
        assertThat(mine.findableByNickname()).isTrue();

        var seen = server.client().publicProfile(bob.token(), alice.userId());
        assertThat(seen).isEqualTo(new Model.Profile(alice.userId(), alice.username(), "Ally 🌸", "on holiday", null));

        var cleared = server.client().updateProfile(alice.token(), Map.of("status", ""));
        assertThat(cleared.profile().status()).isNull();
        assertThat(cleared.profile().nickname()).as("fields not mentioned stay").isEqualTo("Ally 🌸");
    }

    @Test
    void profilesOfManyUsersComeInOneRequest() {
        var alice = server.newUser("alice");
        var bob = server.newUser("bob");
        var carol = server.newUser("carol");
        server.client().updateProfile(carol.token(), Map.of("nickname", "Caz"));

        var found = server.client().profiles(alice.token(), List.of(bob.userId(), carol.userId(), 987654321L));

        assertThat(found)
                .containsExactlyInAnyOrder(
                        new Model.Profile(bob.userId(), bob.username(), null, null, null),
                        new Model.Profile(carol.userId(), carol.username(), "Caz", null, null));
        var tooMany = java.util.stream.LongStream.range(0, 201).boxed().toList();
        assertThatThrownBy(() -> server.client().profiles(alice.token(), tooMany))
                .isInstanceOfSatisfying(
                        dev.parley.client.ParleyException.class,
                        e -> assertThat(e.code()).isEqualTo("too_many_ids"));
    }

    @Test
    void invalidProfileChangesAreRefused() {
        var alice = server.newUser("alice");
        assertThatThrownBy(() -> server.client().updateProfile(alice.token(), Map.of("nickname", "x".repeat(33))))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("invalid_profile"));
        assertThatThrownBy(() -> server.client().updateProfile(alice.token(), Map.of("avatarId", "../../etc/passwd")))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("invalid_profile"));
        assertThatThrownBy(() -> server.client().publicProfile(alice.token(), 42))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("unknown_user"));
    }

    @Test
    void profileChangesReachTheUsersOtherDevices() {
        var account = server.newAccount("carol");
        var phone = server.login(account);
        try (var laptop = server.connect(server.login(account))) {
            server.client().updateProfile(phone.token(), Map.of("nickname", "Caz"));
            var event = laptop.frames().next("event");
            assertThat(event.path("event").asString()).isEqualTo("profile.updated");
            assertThat(event.path("data").path("nickname").asString()).isEqualTo("Caz");
        }
    }

    @Test
    void searchFindsExactUsernamesAndNicknamePrefixesAndRespectsOptOut() {
        var tag = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        var searcher = server.newUser("searcher");
        var exact = server.newUser("exact");
        var visible = server.newUser("visible");
        var hidden = server.newUser("hidden");
        server.client().updateProfile(visible.token(), Map.of("nickname", "Zed" + tag + " Visible"));
        server.client()
                .updateProfile(
                        hidden.token(), Map.of("nickname", "zed" + tag + " Hidden", "findableByNickname", false));

        var byUsername =
                server.client().searchUsers(searcher.token(), exact.username().toUpperCase(), 0);
        assertThat(byUsername.users()).extracting(Model.Profile::userId).containsExactly(exact.userId());

        var byNickname = server.client().searchUsers(searcher.token(), "ZED" + tag, 0);
        assertThat(byNickname.users()).extracting(Model.Profile::userId).containsExactly(visible.userId());

        var byHiddenUsername = server.client().searchUsers(searcher.token(), hidden.username(), 0);
        assertThat(byHiddenUsername.users())
                .as("opting out of nickname search does not hide the exact username")
                .extracting(Model.Profile::userId)
                .containsExactly(hidden.userId());

        assertThat(server.client()
                        .searchUsers(searcher.token(), "100%_" + tag, 0)
                        .users())
                .as("wildcards are matched literally")
                .isEmpty();
    }

    @Test
    void searchIsPaginated() {
        var tag = "pg" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        var searcher = server.newUser("pager");
        for (int i = 0; i < 25; i++) {
            server.client().updateProfile(server.newUser("many").token(), Map.of("nickname", tag + " " + i));
        }
        var first = server.client().searchUsers(searcher.token(), tag, 0);
        assertThat(first.users()).hasSize(20);
        assertThat(first.nextPage()).isEqualTo(1);
        var second = server.client().searchUsers(searcher.token(), tag, first.nextPage());
        assertThat(second.users()).hasSize(5);
        assertThat(second.nextPage()).isNull();
        assertThat(second.users()).doesNotContainAnyElementsOf(first.users());
    }

    @Test
    void qrCodeEncodesALinkThatResolvesToTheUserAndAResetInvalidatesIt() throws Exception {
        var dave = server.newUser("dave");
        var erin = server.newUser("erin");

        var code = server.client().addCode(dave.token());
        assertThat(code.link()).endsWith("/add/" + code.code());
        assertThat(decode(server.client().qrPng(dave.token()))).isEqualTo(code.link());
        assertThat(server.client().resolveAddCode(erin.token(), code.code()).userId())
                .isEqualTo(dave.userId());
        assertThat(server.client().addCode(dave.token()))
                .as("the code is stable until reset")
                .isEqualTo(code);

        var fresh = server.client().resetAddCode(dave.token());
        assertThat(fresh.code()).isNotEqualTo(code.code());
        assertThatThrownBy(() -> server.client().resolveAddCode(erin.token(), code.code()))
                .isInstanceOfSatisfying(ParleyException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("unknown_add_code");
                });
        assertThat(server.client().resolveAddCode(erin.token(), fresh.code()).userId())
                .isEqualTo(dave.userId());
        assertThat(new String(server.client().bytes("/api/profile/qr.svg", dave.token())))
                .startsWith("<svg");
    }

    @Test
    void qrCodeInAnUploadedPhotoIsDecoded() throws Exception {
        var frank = server.newUser("frank");
        var gina = server.newUser("gina");
        var code = server.client().addCode(frank.token());

        var qr = ImageIO.read(new ByteArrayInputStream(server.client().qrPng(frank.token())));
        var photo = new BufferedImage(1200, 900, BufferedImage.TYPE_INT_RGB);
        var graphics = photo.createGraphics();
        graphics.setColor(new Color(200, 190, 170));
        graphics.fillRect(0, 0, 1200, 900);
        graphics.drawImage(qr, 300, 150, 400, 400, null);
        graphics.dispose();
        var jpeg = new ByteArrayOutputStream();
        ImageIO.write(photo, "jpg", jpeg);

        var decoded = server.client().decodeQr(gina.token(), jpeg.toByteArray(), "photo.jpg", "image/jpeg");
        assertThat(decoded.text()).isEqualTo(code.link());
        assertThat(decoded.profile().userId()).isEqualTo(frank.userId());
    }

    @Test
    void photosWithoutAQrCodeOrThatAreNotImagesAreRefused() throws Exception {
        var hank = server.newUser("hank");
        var blank = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB), "png", blank);
        assertThatThrownBy(() -> server.client().decodeQr(hank.token(), blank.toByteArray(), "blank.png", "image/png"))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("no_qr_code"));
        var html = "<html><script>alert(1)</script></html>".getBytes();
        assertThatThrownBy(() -> server.client().decodeQr(hank.token(), html, "qr.png", "image/png"))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("unreadable_image"));
    }

    private static String decode(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        return new QRCodeReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                        Map.of(DecodeHintType.PURE_BARCODE, true, DecodeHintType.TRY_HARDER, true))
                .getText();
    }
}
