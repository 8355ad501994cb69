package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import dev.parley.client.Messenger;
import dev.parley.testing.Recorder;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** The web client in a real Chromium against one real server for the whole class. */
@ServerTest
class WebClientBrowserTests {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Autowired
    TestServer server;

    @TempDir
    Path files;

    @AfterEach
    void noErrors() {
        browsers.assertNoPageErrors();
    }

    private String base() {
        return "http://localhost:" + server.port();
    }

    private static String name(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void twoPeopleSignUpBecomeFriendsAndChatLive() {
        var aliceName = name("alice");
        var bobName = name("bob");
        var alice = browsers.newPage(base());
        var bob = browsers.newPage(base());
        var aliceFrames = new CopyOnWriteArrayList<String>();
        alice.onWebSocket(socket -> socket.onFrameSent(frame -> aliceFrames.add(frame.text())));
        Browsers.screenshot(alice, "01-sign-in");
        Browsers.signUp(alice, aliceName);
        Browsers.signUp(bob, bobName);

        alice.click("a[data-tab=contacts]");
        alice.fill("#contact-search", bobName);
        alice.press("#contact-search", "Enter");
        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add " + bobName))
                .click();
        alice.getByText("Request sent").first().waitFor();

        // the request shows on top of Bob's chat list without a reload
        bob.locator(".request-row", new Page.LocatorOptions().setHasText(aliceName))
                .first()
                .waitFor();
        Browsers.screenshot(bob, "02-friend-request");
        bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept " + aliceName))
                .click();
        Browsers.awaitHidden(bob, ".request-row");

        // Alice's contacts book shows Bob once he accepted
        alice.locator(".contact-row", new Page.LocatorOptions().setHasText(bobName))
                .waitFor();
        Browsers.screenshot(alice, "03-contacts");
        alice.locator(".contact-row", new Page.LocatorOptions().setHasText(bobName))
                .click();
        alice.waitForSelector(".conversation");
        Browsers.type(alice, "Hello Bob");
        Browsers.awaitMessage(alice, "Hello Bob");
        // the send carries a time-ordered clientMsgId (docs/protocol.md: the server's index of them grows at its end)
        assertThat(aliceFrames)
                .filteredOn(frame -> frame.contains("\"type\":\"send\""))
                .singleElement()
                .asString()
                .containsPattern("\"clientMsgId\":\"[0-9a-f]{12}-[0-9a-f]{20}\"");

        // Bob sees the new chat with an unread badge, live
        var row = bob.locator(".chat-row", new Page.LocatorOptions().setHasText(aliceName));
        row.locator(".badge").waitFor();
        assertThat(row.locator(".badge").textContent()).isEqualTo("1");
        assertThat(row.locator(".chat-preview").textContent()).isEqualTo("Hello Bob");
        // Bob's browser got it without opening the chat: Alice's tick says delivered, not yet read
        alice.waitForSelector(".message.mine .tick[data-state=delivered]");
        row.click();
        Browsers.awaitMessage(bob, "Hello Bob");
        Browsers.awaitHidden(bob, ".chat-row .badge");
        Browsers.type(bob, "Hi Alice 👋\nsecond line");
        Browsers.awaitMessage(bob, "Hi Alice");

        Browsers.awaitMessage(alice, "Hi Alice 👋");
        // Bob read Alice's message (his reply says so, and so does his read receipt): her tick turns to read
        alice.waitForSelector(".message.mine .tick[data-state=read]");
        Browsers.screenshot(alice, "04-conversation");
        Browsers.screenshot(bob, "05-conversation-other-side");

        // a second line with Shift+Enter stays one message
        bob.locator(".composer-input").fill("line one");
        bob.locator(".composer-input").press("Shift+Enter");
        bob.locator(".composer-input").pressSequentially("line two");
        bob.locator(".composer-input").press("Enter");
        Browsers.awaitMessage(alice, "line one\nline two");

        // the emoji picker inserts into the composer
        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Emoji"))
                .click();
        Browsers.screenshot(alice, "06-emoji-picker");
        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("🎉").setExact(true))
                .click();
        alice.locator(".composer-input").press("Enter");
        Browsers.awaitMessage(bob, "🎉");
        alice.context().close();
        bob.context().close();
    }

    @Test
    void aPersonWhoWasAwaySeesUnreadCountsAndMessages() {
        var friends = server.newFriends("carol", "dave");
        var recorder = new Recorder();
        try (var messenger = new Messenger(server.client(), friends.a(), recorder).start()) {
            for (int i = 1; i <= 3; i++) {
                messenger
                        .send(new Messenger.Target.User(friends.b().userId()), "while you were away " + i)
                        .join();
            }
        }
        var dave = browsers.newPage(base());
        Browsers.signIn(dave, friends.b().username());
        var row = dave.locator(".chat-row", new Page.LocatorOptions().setHasText(friends.a().username()));
        row.locator(".badge").waitFor();
        assertThat(row.locator(".badge").textContent()).isEqualTo("3");
        assertThat(row.locator(".chat-preview").textContent()).isEqualTo("while you were away 3");
        assertThat(dave.title()).isEqualTo("(3) Parley");
        Browsers.screenshot(dave, "07-unread");
        row.click();
        for (int i = 1; i <= 3; i++) {
            Browsers.awaitMessage(dave, "while you were away " + i);
        }
        Browsers.awaitHidden(dave, ".chat-row .badge");
        dave.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
        Browsers.screenshot(dave, "07b-conversation-dark");
        // the read cursor reached the server
        var conversation = server.client().conversations(friends.b().token()).getFirst();
        assertThat(conversation.unread()).isZero();
        dave.context().close();
    }

    @Test
    void unreadCountsAgreeAcrossTabsAndDevices() {
        var friends = server.newFriends("pia", "quinn");
        var recorder = new Recorder();
        try (var messenger = new Messenger(server.client(), friends.a(), recorder).start()) {
            messenger
                    .send(new Messenger.Target.User(friends.b().userId()), "one")
                    .join();
            messenger
                    .send(new Messenger.Target.User(friends.b().userId()), "two")
                    .join();
        }
        var firstTab = browsers.newPage(base());
        Browsers.signIn(firstTab, friends.b().username());
        var secondTab = firstTab.context().newPage(); // the same browser profile: the same session
        secondTab.navigate("/");
        var otherDevice = browsers.newPage(base());
        Browsers.signIn(otherDevice, friends.b().username());
        for (var page : List.of(firstTab, secondTab, otherDevice)) {
            page.locator(".chat-row .badge").waitFor();
            assertThat(page.locator(".chat-row .badge").textContent()).isEqualTo("2");
        }

        secondTab.locator(".chat-row").first().click();
        Browsers.awaitMessage(secondTab, "two");
        otherDevice.locator(".chat-row").first().click();
        Browsers.awaitMessage(otherDevice, "two");
        // reading in one place clears the badge everywhere
        Browsers.awaitHidden(firstTab, ".chat-row .badge");
        assertThat(firstTab.title()).isEqualTo("Parley");

        // a message sent in one tab appears in the other tab and on the other device
        firstTab.locator(".chat-row").first().click();
        Browsers.type(firstTab, "sent from the first tab");
        Browsers.awaitMessage(secondTab, "sent from the first tab");
        Browsers.awaitMessage(otherDevice, "sent from the first tab");
        firstTab.context().close();
        otherDevice.context().close();
    }

    @Test
    void historyScrollsBackToTheFirstMessage() {
        var friends = server.newFriends("tess", "umar");
        var recorder = new Recorder();
        try (var messenger = new Messenger(server.client(), friends.a(), recorder).start()) {
            var first = messenger
                    .send(new Messenger.Target.User(friends.b().userId()), "history 1")
                    .join();
            var sends = new ArrayList<CompletableFuture<?>>();
            for (int i = 2; i <= 130; i++) {
                sends.add(messenger.sendTo(first.conversationId(), "history " + i));
            }
            sends.forEach(CompletableFuture::join);
        }
        var page = browsers.newPage(base());
        Browsers.signIn(page, friends.b().username());
        page.locator(".chat-row").first().click();
        Browsers.awaitMessage(page, "history 130");
        assertThat(page.locator(".message").count())
                .as("the newest page only")
                .isLessThan(130);
        for (int i = 0; i < 20 && page.getByText("This is the beginning of your chat.").count() == 0; i++) {
            page.locator(".message-scroller").evaluate("el => el.scrollTop = 0");
            page.waitForTimeout(300);
        }
        page.getByText("This is the beginning of your chat.").waitFor();
        var texts = page.locator(".message .text").allTextContents();
        assertThat(texts).hasSize(130).startsWith("history 1", "history 2").endsWith("history 130");
        page.context().close();
    }

    @Test
    void anImageIsUploadedSentAndShown() throws Exception {
        var friends = server.newFriends("erin", "frank");
        var photo = files.resolve("sunset.png");
        var image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(250, 140, 60));
        g.fillRect(0, 0, 800, 600);
        g.setColor(new Color(40, 60, 160));
        g.fillOval(250, 150, 300, 300);
        g.dispose();
        ImageIO.write(image, "png", photo.toFile());

        var erin = browsers.newPage(base());
        Browsers.signIn(erin, friends.a().username());
        erin.click("a[data-tab=contacts]");
        erin.locator(".contact-row", new Page.LocatorOptions().setHasText(friends.b().username()))
                .click();
        erin.waitForSelector(".conversation");
        erin.setInputFiles(".composer input[type=file]", photo);
        var thumb = erin.locator(".message.mine img.thumb");
        thumb.waitFor();
        erin.waitForFunction(
                "() => { const i = document.querySelector('.message.mine img.thumb');"
                        + " return i && i.complete && i.naturalWidth > 0; }");
        erin.waitForSelector(".message.mine:not(.pending) .tick[data-state=sent], .message.mine .tick[data-state=delivered]");
        Browsers.screenshot(erin, "08-image-sent");

        var frank = browsers.newPage(base());
        Browsers.signIn(frank, friends.b().username());
        frank.locator(".chat-row").first().click();
        frank.waitForFunction("() => { const i = document.querySelector('.message.theirs img.thumb');"
                + " return i && i.complete && i.naturalWidth > 0; }");
        assertThat(frank.locator(".chat-row .chat-preview").first().textContent()).isEqualTo("[Image]");
        frank.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open image"))
                .click();
        frank.waitForFunction("() => { const i = document.querySelector('dialog.lightbox[open] img.full');"
                + " return i && i.complete && i.naturalWidth === 800; }");
        Browsers.screenshot(frank, "09-image-full-size");
        frank.keyboard().press("Escape");
        erin.context().close();
        frank.context().close();
    }

    @Test
    void theImagesOfAChatAreDescribedWithOneRequest() throws Exception {
        var friends = server.newFriends("gina", "hugo");
        try (var hugo = new Messenger(server.client(), friends.b(), new Recorder()).start()) {
            for (int i = 1; i <= 3; i++) {
                var picture = new BufferedImage(40 * i, 30, BufferedImage.TYPE_INT_RGB);
                var bytes = new java.io.ByteArrayOutputStream();
                ImageIO.write(picture, "png", bytes);
                var uploaded = server.client()
                        .uploadImage(friends.b().token(), bytes.toByteArray(), i + ".png", "image/png", "chat");
                hugo.sendImage(new Messenger.Target.User(friends.a().userId()), uploaded.id(), "")
                        .join();
            }
        }
        var gina = browsers.newPage(base());
        var asked = new CopyOnWriteArrayList<String>();
        gina.onRequest(request -> {
            if (request.url().contains("/api/media")) asked.add(request.url());
        });
        Browsers.signIn(gina, friends.a().username());
        gina.locator(".chat-row").first().click();
        gina.waitForFunction("() => { const i = [...document.querySelectorAll('.message.theirs img.thumb')];"
                + " return i.length === 3 && i.every(e => e.complete && e.naturalWidth > 0); }");
        assertThat(asked).singleElement().asString().contains("/api/media?ids=");
        gina.context().close();
    }

    @Test
    void aFriendIsAddedFromAPhotoOfTheirQrCode() throws Exception {
        var rosa = server.newUser("rosa");
        var sam = server.newAccount("sam");
        var photo = files.resolve("rosa-qr.png");
        Files.write(photo, server.client().qrPng(rosa.token()));

        var page = browsers.newPage(base());
        Browsers.signIn(page, sam.username());
        page.click("a[data-tab=contacts]");
        page.click("details.qr summary");
        page.waitForFunction("() => { const i = document.querySelector('img.my-qr');"
                + " return i && i.complete && i.naturalWidth > 0; }");
        page.setInputFiles("#qr-photo", photo);
        page.locator(".qr-found .person-row", new Page.LocatorOptions().setHasText(rosa.username()))
                .waitFor();
        Browsers.screenshot(page, "17-qr-code");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add " + rosa.username()))
                .click();
        page.getByText("Request sent").first().waitFor();
        assertThat(server.client().incomingFriendRequests(rosa.token()))
                .singleElement()
                .satisfies(request -> assertThat(request.fromUserId()).isEqualTo(sam.id()));
        page.context().close();
    }

    @Test
    void markupInAMessageIsShownAsTextAndRunsNothing() {
        var friends = server.newFriends("gina", "hank");
        var attack = "<img src=x onerror=alert(1)>";
        var hank = browsers.newPage(base());
        var dialogs = new CopyOnWriteArrayList<String>();
        hank.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        Browsers.signIn(hank, friends.b().username());
        var recorder = new Recorder();
        try (var messenger = new Messenger(server.client(), friends.a(), recorder).start()) {
            messenger
                    .send(new Messenger.Target.User(friends.b().userId()), attack)
                    .join();
            var row = hank.locator(".chat-row", new Page.LocatorOptions().setHasText(friends.a().username()));
            row.waitFor();
            assertThat(row.locator(".chat-preview").textContent()).isEqualTo(attack);
            row.click();
            Browsers.awaitMessage(hank, attack);
            Browsers.type(hank, attack + " back");
            Browsers.awaitMessage(hank, attack + " back");
            recorder.awaitMessages(recorder.messages.getFirst().conversationId(), 2);
        }
        hank.waitForTimeout(300);
        assertThat(hank.locator(".messages .text").allTextContents()).contains(attack, attack + " back");
        assertThat(hank.locator(".messages img").count()).as("no img element was made").isZero();
        assertThat(hank.locator(".chat-list img").count()).isZero();
        assertThat(dialogs).as("no script ran").isEmpty();
        Browsers.screenshot(hank, "10-markup-as-text");
        hank.context().close();
    }

    @Test
    void onAPhoneOneScreenShowsAtATime() {
        var friends = server.newFriends("ivy", "jack");
        var recorder = new Recorder();
        try (var messenger = new Messenger(server.client(), friends.a(), recorder).start()) {
            messenger
                    .send(new Messenger.Target.User(friends.b().userId()), "On your phone?")
                    .join();
        }
        var jack = browsers.newPage(base(), 390, 844);
        Browsers.signIn(jack, friends.b().username());
        jack.locator(".chat-row").first().waitFor();
        assertThat(jack.locator(".main").isVisible()).isFalse();
        assertThat(jack.locator(".rail").isVisible()).isTrue();
        Browsers.screenshot(jack, "11-phone-list");

        jack.locator(".chat-row").first().click();
        Browsers.awaitMessage(jack, "On your phone?");
        assertThat(jack.locator(".side").isVisible()).isFalse();
        assertThat(jack.locator(".rail").isVisible()).isFalse();
        Browsers.type(jack, "Yes, on my phone");
        Browsers.awaitMessage(jack, "Yes, on my phone");
        Browsers.screenshot(jack, "12-phone-conversation");

        jack.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Back to chats"))
                .click();
        jack.locator(".chat-row").first().waitFor();
        assertThat(jack.locator(".main").isVisible()).isFalse();
        assertThat(jack.locator(".chat-row .chat-preview").first().textContent())
                .isEqualTo("Yes, on my phone");

        jack.click("a[data-tab=me]");
        jack.locator("#me-nickname").waitFor();
        Browsers.screenshot(jack, "13-phone-me");
        jack.context().close();
    }

    @Test
    void theSignInPageCreatesAnAccountOnlyWhenAsked() {
        var page = browsers.newPage(base());
        var newName = name("kim");
        page.fill("#login-username", newName);
        page.fill("#login-password", TestServer.PASSWORD);
        page.click(".login-form button[type=submit]");
        page.getByText("There is no account named").waitFor();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel"))
                .click();
        assertThat(server.client().searchUsers(server.newUser("probe").token(), newName, 0).users())
                .as("nothing was created without confirmation")
                .isEmpty();

        var existing = server.newAccount("lee");
        page.fill("#login-username", existing.username());
        page.fill("#login-password", "not the right passphrase");
        page.click(".login-form button[type=submit]");
        page.getByText("Wrong password").waitFor();
        assertThat(page.getByText("Create account").isVisible()).isFalse();
        page.context().close();
    }

    @Test
    void theMeScreenEditsTheProfileAndListsDevices() throws Exception {
        var account = server.newAccount("mona");
        var page = browsers.newPage(base());
        Browsers.signIn(page, account.username());
        page.click("a[data-tab=me]");
        page.fill("#me-nickname", "Mona 🌸");
        page.fill("#me-status", "on holiday");
        page.click(".profile-form button[type=submit]");
        page.getByText("Saved.").waitFor();
        page.locator(".device", new Page.LocatorOptions().setHasText("this device")).waitFor();
        var session = server.login(account);
        assertThat(server.client().profile(session.token()).profile().nickname()).isEqualTo("Mona 🌸");

        // a wide picture becomes a square avatar before it is uploaded
        var wide = files.resolve("wide.png");
        var image = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(120, 80, 200));
        g.fillRect(0, 0, 400, 200);
        g.dispose();
        ImageIO.write(image, "png", wide.toFile());
        page.setInputFiles("#me-avatar", wide);
        page.waitForFunction("() => { const i = document.querySelector('.avatar-edit img');"
                + " return i && i.complete && i.naturalWidth > 0; }");
        var avatarId = server.client().profile(session.token()).profile().avatarId();
        var avatar = server.client().image(session.token(), avatarId);
        assertThat(avatar.width()).isEqualTo(200).isEqualTo(avatar.height());

        page.selectOption("#me-language", "zh-CN");
        page.getByText("退出登录").waitFor();
        Browsers.screenshot(page, "14-me-chinese");
        page.selectOption("#me-language", "en");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out"))
                .click();
        page.waitForSelector("#login-username");
        page.context().close();
    }

    @Test
    void theContentSecurityPolicyForbidsInlineScript() throws Exception {
        var response = server.http()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
        var policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("script-src 'self' 'sha256-")
                .contains("object-src 'none'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");

        var page = browsers.newPage(base());
        page.waitForSelector("#login-username"); // the app booted: the import map was allowed
        var violations = page.evaluate(
                "() => new Promise(resolve => {"
                        + " const seen = [];"
                        + " document.addEventListener('securitypolicyviolation', e => seen.push(e.violatedDirective));"
                        + " const s = document.createElement('script');"
                        + " s.textContent = 'window.injected = true';"
                        + " document.body.append(s);"
                        + " setTimeout(() => resolve({ seen, injected: window.injected === true }), 300);"
                        + "})");
        assertThat(violations.toString()).contains("injected=false").contains("script-src");
        browsers.pageErrors.clear(); // the refused script is reported on the console, as it should be

        // installable: a manifest and a service worker that took control of the shell
        assertThat(page.evaluate("() => navigator.serviceWorker.ready.then(r => r.active !== null)"))
                .isEqualTo(true);
        var manifest = page.evaluate("() => fetch('/manifest.json').then(r => r.json()).then(m => m.icons.length)");
        assertThat(((Number) manifest).intValue()).isGreaterThanOrEqualTo(2);
        page.context().close();
    }

}
