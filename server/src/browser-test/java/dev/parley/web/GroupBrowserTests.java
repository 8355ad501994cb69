package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.testing.Recorder;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Groups, message actions, conversation settings, typing and search in a real Chromium, one server for the class. */
@ServerTest
class GroupBrowserTests {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Autowired
    TestServer server;

    @AfterEach
    void noErrors() {
        browsers.assertNoPageErrors();
    }

    private String base() {
        return "http://localhost:" + server.port();
    }

    private Page signedIn(Model.Session session) {
        var page = browsers.newPage(base());
        page.onDialog(dialog -> dialog.accept()); // confirm() of leave, clear, delete…
        Browsers.signIn(page, session.username());
        return page;
    }

    private static Locator row(Page page, String text) {
        return page.locator(".chat-row", new Page.LocatorOptions().setHasText(text));
    }

    private static Locator systemLine(Page page, String text) {
        return page.locator(".system-line", new Page.LocatorOptions().setHasText(text));
    }

    private static Locator message(Page page, String text) {
        return page.locator(".message", new Page.LocatorOptions().setHasText(text));
    }

    private static void openInfo(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Chat info").setExact(true))
                .click();
        page.locator(".info-panel:not([hidden])").waitFor();
    }

    @Test
    void aGroupOfThreeIsCreatedFromFriendsChatsLiveAndSeesAdminActions() {
        var ann = server.newUser("ann");
        var ben = server.newUser("ben");
        var cat = server.newUser("cat");
        server.befriend(ann, ben);
        server.befriend(ann, cat);
        var annPage = signedIn(ann);
        var benPage = signedIn(ben);
        var catPage = signedIn(cat);

        annPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New group")).click();
        annPage.fill("#new-group-name", "Climbing club");
        annPage.locator(".new-group-dialog .check-row", new Page.LocatorOptions().setHasText(ben.username()))
                .locator("input")
                .check();
        annPage.locator(".new-group-dialog .check-row", new Page.LocatorOptions().setHasText(cat.username()))
                .locator("input")
                .check();
        Browsers.screenshot(annPage, "20-new-group");
        annPage.locator(".new-group-dialog button[type=submit]").click();
        annPage.locator(".conv-title", new Page.LocatorOptions().setHasText("Climbing club")).waitFor();
        annPage.locator(".conv-subtitle", new Page.LocatorOptions().setHasText("3 members")).waitFor();
        systemLine(annPage, "You created the group “Climbing club”").waitFor();

        for (var page : List.of(benPage, catPage)) {
            row(page, "Climbing club").click();
            systemLine(page, ann.username() + " created the group").waitFor();
        }
        Browsers.type(annPage, "Hello climbers");
        Browsers.type(benPage, "Hi from Ben");
        Browsers.type(catPage, "Cat here");
        for (var page : List.of(annPage, benPage, catPage)) {
            Browsers.awaitMessage(page, "Hello climbers");
            Browsers.awaitMessage(page, "Hi from Ben");
            Browsers.awaitMessage(page, "Cat here");
        }
        // others' messages carry the sender's name in a group
        message(annPage, "Hi from Ben").locator(".sender").waitFor();
        assertThat(message(annPage, "Hi from Ben").locator(".sender").textContent()).isEqualTo(ben.username());

        // the owner renames the group and removes a member: the others see system lines and the new title
        openInfo(annPage);
        annPage.locator(".member-row").nth(2).waitFor();
        assertThat(annPage.locator(".member-row[data-role=owner] .member-name").textContent())
                .startsWith(ann.username());
        annPage.fill("#group-name", "Bouldering club");
        annPage.locator(".info-panel button", new Page.LocatorOptions().setHasText("Save")).click();
        for (var page : List.of(benPage, catPage)) {
            systemLine(page, ann.username() + " renamed the group to “Bouldering club”").waitFor();
            page.locator(".conv-title", new Page.LocatorOptions().setHasText("Bouldering club")).waitFor();
            row(page, "Bouldering club").waitFor();
        }
        annPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make admin " + ben.username()))
                .click();
        annPage.locator(".member-row[data-role=admin]").waitFor();
        systemLine(benPage, ann.username() + " made you an admin").waitFor();
        // "@" offers the members; the chosen one is inserted by name and sent as a mention
        benPage.locator(".composer-input").pressSequentially("@" + ann.username().substring(0, 3));
        benPage.locator(".mention-choice", new Page.LocatorOptions().setHasText(ann.username()))
                .click();
        benPage.locator(".composer-input").pressSequentially("look at this");
        benPage.locator(".composer-input").press("Enter");
        Browsers.awaitMessage(annPage, "@" + ann.username() + " look at this");
        Browsers.screenshot(annPage, "21-group-info");
        annPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove " + cat.username()))
                .click();
        systemLine(benPage, ann.username() + " removed " + cat.username()).waitFor();
        systemLine(catPage, ann.username() + " removed you").waitFor();
        catPage.getByText("You are no longer a member of this group.").waitFor();
        assertThat(catPage.locator(".composer").isHidden()).isTrue();
        annPage.locator(".conv-subtitle", new Page.LocatorOptions().setHasText("2 members")).waitFor();
        Browsers.screenshot(benPage, "22-group-conversation");
        annPage.locator(".info-panel .close").click();
        Browsers.awaitHidden(annPage, ".info-panel");

        // Chinese system lines
        benPage.click("a[data-tab=me]");
        benPage.selectOption("#me-language", "zh-CN");
        benPage.click("a[data-tab=chats]");
        row(benPage, "Bouldering club").click();
        systemLine(benPage, "将群名改为“Bouldering club”").waitFor();
        systemLine(benPage, "将" + cat.username() + "移出了群聊").waitFor();
        Browsers.screenshot(benPage, "23-group-conversation-zh");
        for (var page : List.of(annPage, benPage, catPage)) {
            page.context().close();
        }
    }

    @Test
    void replyRecallAndDeleteForMe() {
        var friends = server.newFriends("rita", "sven");
        var rita = signedIn(friends.a());
        var sven = signedIn(friends.b());
        rita.click("a[data-tab=contacts]");
        rita.locator(".contact-row", new Page.LocatorOptions().setHasText(friends.b().username()))
                .click();
        Browsers.type(rita, "Are you coming tonight?");
        row(sven, friends.a().username()).click();
        Browsers.awaitMessage(sven, "Are you coming tonight?");

        // Sven replies to the question: the composer shows the quote, and both see it on the reply
        message(sven, "Are you coming tonight?").locator(".action.reply").click();
        sven.locator(".reply-bar", new Page.LocatorOptions().setHasText("Are you coming tonight?"))
                .waitFor();
        Browsers.type(sven, "Yes, at eight");
        Browsers.awaitHidden(sven, ".reply-bar");
        var reply = message(rita, "Yes, at eight");
        reply.locator(".quote", new Locator.LocatorOptions().setHasText("Are you coming tonight?"))
                .waitFor();
        message(sven, "Yes, at eight").locator(".quote").waitFor();
        Browsers.screenshot(rita, "24-reply");
        reply.locator(".quote").click();
        rita.locator(".message.flash", new Page.LocatorOptions().setHasText("Are you coming tonight?"))
                .waitFor();

        // Sven recalls a message: Rita sees it first, then the tombstone
        Browsers.type(sven, "Wrong chat, sorry");
        Browsers.awaitMessage(rita, "Wrong chat, sorry");
        message(sven, "Wrong chat, sorry").locator(".action.recall").click();
        systemLine(sven, "You recalled a message").waitFor();
        systemLine(rita, friends.b().username() + " recalled a message").waitFor();
        assertThat(rita.locator(".message .text", new Page.LocatorOptions().setHasText("Wrong chat, sorry"))
                        .count())
                .isZero();
        Browsers.screenshot(rita, "25-recalled");

        // Rita deletes the question for herself: gone for her, still there for Sven
        message(rita, "Are you coming tonight?").first().locator(".action.delete").click();
        rita.waitForFunction("() => ![...document.querySelectorAll('.message .text')]"
                + ".some(e => e.textContent === 'Are you coming tonight?')");
        Browsers.awaitMessage(sven, "Are you coming tonight?");
        // a reload keeps it deleted (the server's stub) and the recall (the tombstone)
        rita.reload();
        row(rita, friends.b().username()).click();
        Browsers.awaitMessage(rita, "Yes, at eight");
        systemLine(rita, "recalled a message").waitFor();
        assertThat(rita.locator(".message .text", new Page.LocatorOptions().setHasText("Are you coming tonight?"))
                        .count())
                .isZero();
        rita.context().close();
        sven.context().close();
    }

    @Test
    void aDeviceAnswersADirectMessageWithDeliveredButNotAGroupMessage() {
        var ann = server.newUser("ann");
        var ben = server.newUser("ben");
        server.befriend(ann, ben);
        var group = server.client().createGroup(ann.token(), "Quiet club", List.of(ben.userId()));
        var benPage = browsers.newPage(base());
        var sent = new CopyOnWriteArrayList<String>();
        benPage.onWebSocket(socket -> socket.onFrameSent(frame -> sent.add(frame.text())));
        Browsers.signIn(benPage, ben.username());
        try (var annMessenger = server.messenger(ann)) {
            annMessenger.messenger().sendTo(group.id(), "for the club").join();
            long direct = annMessenger
                    .messenger()
                    .send(new Messenger.Target.User(ben.userId()), "for Ben")
                    .join()
                    .conversationId();
            row(benPage, "Quiet club").locator(".badge").waitFor();
            row(benPage, ann.username()).locator(".badge").waitFor();
            await().until(() -> sent.stream()
                    .anyMatch(frame -> frame.contains("\"delivered\"") && frame.contains(Long.toString(direct))));
            assertThat(sent)
                    .as("nobody hears of a group member's delivered cursor, so the client does not send it")
                    .noneMatch(frame -> frame.contains("\"delivered\"") && frame.contains(Long.toString(group.id())));
        }
        benPage.context().close();
    }

    @Test
    void someoneJoinsThroughAnInviteLink() {
        var owner = server.newUser("olga");
        var guest = server.newUser("gus");
        var group = server.client().createGroup(owner.token(), "Book club", List.of());
        var olga = signedIn(owner);
        row(olga, "Book club").click();
        openInfo(olga);
        olga.locator(".create-invite").click();
        olga.waitForFunction("() => { const i = document.querySelector('img.invite-qr');"
                + " return i && i.complete && i.naturalWidth > 0; }");
        var link = olga.locator(".invite-link").first().textContent();
        assertThat(link).startsWith(base() + "/join/");
        Browsers.screenshot(olga, "26-invite-link");

        // the guest opens the link in another browser: the app, the preview, Join
        var gus = browsers.newPage(base());
        Browsers.signIn(gus, guest.username());
        gus.navigate(link);
        gus.locator(".join-name", new Page.LocatorOptions().setHasText("Book club")).waitFor();
        gus.getByText("1 member").waitFor();
        Browsers.screenshot(gus, "27-join-preview");
        gus.locator(".join-button").click();
        gus.locator(".conv-title", new Page.LocatorOptions().setHasText("Book club")).waitFor();
        systemLine(gus, "You joined via link").waitFor();
        systemLine(olga, guest.username() + " joined via link").waitFor();
        Browsers.type(gus, "Thanks for the invite");
        Browsers.awaitMessage(olga, "Thanks for the invite");
        assertThat(server.client().group(owner.token(), group.id()).members()).hasSize(2);

        // a revoked link says so
        olga.locator(".invite button", new Page.LocatorOptions().setHasText("Revoke")).click();
        Browsers.awaitHidden(olga, ".invite");
        gus.navigate(link);
        gus.getByText("This invite link was revoked.").waitFor();
        olga.context().close();
        gus.context().close();
    }

    @Test
    void pinAndMuteChangeTheListAndTheBadgesAndSearchFindsMessages() {
        var me = server.newUser("mia");
        var first = server.newUser("finn");
        var second = server.newUser("sara");
        server.befriend(me, first);
        server.befriend(me, second);
        var finn = new Recorder();
        var sara = new Recorder();
        try (var finnMessenger = new Messenger(server.client(), first, finn).start();
                var saraMessenger = new Messenger(server.client(), second, sara).start()) {
            finnMessenger.send(new Messenger.Target.User(me.userId()), "from finn about pancakes").join();
            saraMessenger.send(new Messenger.Target.User(me.userId()), "from sara").join();
            var mia = signedIn(me);
            row(mia, first.username()).waitFor();
            assertThat(mia.locator(".chat-row .chat-name").first().textContent()).isEqualTo(second.username());
            mia.waitForFunction("() => document.title === '(2) Parley'");

            // pin Finn's chat: it goes first
            row(mia, first.username()).click();
            Browsers.awaitMessage(mia, "from finn about pancakes");
            openInfo(mia);
            mia.locator(".info-panel input[data-key=pin]").click();
            mia.locator(".chat-row.pinned").waitFor();
            assertThat(mia.locator(".chat-row .chat-name").first().textContent()).isEqualTo(first.username());

            // mute Sara's chat: a dot and a muted icon instead of a count; the title leaves it out
            row(mia, second.username()).click();
            Browsers.awaitMessage(mia, "from sara");
            openInfo(mia);
            mia.locator(".info-panel input[data-key=mute]").click();
            row(mia, second.username()).locator(".muted-icon").waitFor();
            mia.evaluate("location.hash = '#/chats'"); // no conversation open: new messages stay unread
            mia.locator(".main .placeholder").waitFor();
            saraMessenger.send(new Messenger.Target.User(me.userId()), "muted news").join();
            row(mia, second.username()).locator(".badge.dot").waitFor();
            finnMessenger.send(new Messenger.Target.User(me.userId()), "loud news").join();
            row(mia, first.username()).locator(".badge").waitFor();
            mia.waitForFunction("() => document.title === '(1) Parley'");
            assertThat(row(mia, first.username()).locator(".badge").textContent()).isEqualTo("1");
            Browsers.screenshot(mia, "28-pinned-and-muted");
            assertThat(server.client().conversations(me.token()).stream()
                            .filter(Model.Conversation::muted)
                            .count())
                    .isEqualTo(1);

            // search over history opens the conversation
            mia.fill("#chat-search", "pancakes");
            mia.locator(".search-result", new Page.LocatorOptions().setHasText("pancakes")).waitFor();
            Browsers.screenshot(mia, "29-search");
            mia.locator(".search-result").first().click();
            mia.locator(".conv-title", new Page.LocatorOptions().setHasText(first.username())).waitFor();
            mia.context().close();
        }
    }

    @Test
    void theOtherSideSeesTypingAndPresence() {
        var friends = server.newFriends("tina", "ugo");
        var tina = signedIn(friends.a());
        tina.click("a[data-tab=contacts]");
        tina.locator(".contact-row", new Page.LocatorOptions().setHasText(friends.b().username()))
                .click();
        tina.waitForSelector(".conversation");
        var ugo = signedIn(friends.b());
        tina.locator(".conv-subtitle", new Page.LocatorOptions().setHasText("online")).waitFor();
        Browsers.type(tina, "ping");
        row(ugo, friends.a().username()).click();
        Browsers.awaitMessage(ugo, "ping");
        ugo.locator(".conv-subtitle", new Page.LocatorOptions().setHasText("online")).waitFor();

        tina.waitForTimeout(2100); // the server passes on one typing push per 2 s
        tina.locator(".composer-input").pressSequentially("I am typing", new Locator.PressSequentiallyOptions()
                .setDelay(200));
        ugo.locator(".conv-subtitle.typing", new Page.LocatorOptions().setHasText("typing…")).waitFor();
        Browsers.screenshot(ugo, "30-typing");
        // it goes away after a few seconds without typing
        ugo.locator(".conv-subtitle.typing").waitFor(new Locator.WaitForOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.HIDDEN)
                .setTimeout(10_000));

        // Ugo leaves: Tina sees "last seen"
        ugo.context().close();
        tina.locator(".conv-subtitle", new Page.LocatorOptions().setHasText("last seen")).waitFor();
        tina.context().close();
    }

    @Test
    void mentionsMarkTheChatOfWhomTheyNameReadByCountsReadersAndAMessageIsForwarded() {
        var owner = server.newUser("olive");
        var pete = server.newUser("pete");
        var quinn = server.newUser("quinn");
        server.befriend(owner, pete);
        server.befriend(owner, quinn);
        var group = server.client()
                .createGroup(owner.token(), "Map makers", List.of(pete.userId(), quinn.userId()));
        try (var peteMessenger = new Messenger(server.client(), pete, new Recorder()).start()) {
            peteMessenger.send(new Messenger.Target.User(owner.userId()), "hi olive").join();
        }
        var olive = signedIn(owner);
        var petePage = signedIn(pete);
        var quinnPage = signedIn(quinn);
        row(olive, "Map makers").click();
        systemLine(olive, "You created the group").waitFor();

        // "@pe" offers Pete; picking him names him in the message, and only his chat list marks the chat
        mention(olive, "@pe", pete.username(), "look at this map");
        Browsers.awaitMessage(olive, "look at this map");
        row(petePage, "Map makers").locator(".mention").waitFor();
        row(quinnPage, "Map makers")
                .locator(".chat-preview", new Locator.LocatorOptions().setHasText("look at this map"))
                .waitFor();
        assertThat(row(quinnPage, "Map makers").locator(".mention").count()).isZero();
        Browsers.screenshot(petePage, "31-mentioned");

        // the owner may mention all: now Quinn's list marks it too
        mention(olive, "@al", "all", "meeting at noon");
        row(quinnPage, "Map makers").locator(".mention").waitFor();
        assertThat(server.client().conversation(quinn.token(), group.id()).mentioned())
                .isTrue();

        // Quinn reads the group; the owner asks who read her message
        row(quinnPage, "Map makers").click();
        Browsers.awaitMessage(quinnPage, "meeting at noon");
        var noon = server.client().conversation(owner.token(), group.id()).lastSeq();
        for (int waited = 0;
                !server.client().reads(owner.token(), group.id(), noon).readBy().contains(quinn.userId());
                waited += 50) {
            assertThat(waited).as("waited for Quinn's read to be stored").isLessThan(10_000);
            olive.waitForTimeout(50);
        }
        Browsers.awaitHidden(quinnPage, ".chat-row .mention"); // read, so no longer marked
        var reads = message(olive, "meeting at noon").locator(".action.reads");
        reads.click();
        message(olive, "meeting at noon")
                .locator(".action.reads", new Locator.LocatorOptions().setHasText("Read by 1"))
                .waitFor();
        assertThat(reads.getAttribute("title")).isEqualTo(quinn.username());

        // the owner forwards it to her chat with Pete, where it shows as forwarded
        message(olive, "meeting at noon").locator(".action.forward").click();
        olive.locator(".forward-dialog .check-row", new Page.LocatorOptions().setHasText(pete.username()))
                .locator("input")
                .check();
        olive.locator(".forward-dialog button[type=submit]").click();
        row(petePage, owner.username()).click();
        message(petePage, "meeting at noon").locator(".forwarded").waitFor();
        Browsers.screenshot(petePage, "32-forwarded");
        for (var page : List.of(olive, petePage, quinnPage)) {
            page.context().close();
        }
    }

    /** Types {@code query} in the composer, picks {@code choice} from the members offered, then types the rest. */
    private static void mention(Page page, String query, String choice, String rest) {
        var input = page.locator(".composer-input");
        input.fill(query);
        page.locator(".mention-choice", new Page.LocatorOptions().setHasText(choice))
                .click();
        input.pressSequentially(rest);
        input.press("Enter");
    }

    @Test
    void clearingEmptiesTheChatForMeAndDeletingTakesItOffMyListUntilSomethingNewComes() {
        var friends = server.newFriends("cleo", "dan");
        var cleo = friends.a();
        var dan = friends.b();
        try (var danMessenger = new Messenger(server.client(), dan, new Recorder()).start()) {
            var toCleo = new Messenger.Target.User(cleo.userId());
            danMessenger.send(toCleo, "old news 1").join();
            danMessenger.send(toCleo, "old news 2").join();
            var page = signedIn(cleo);
            var otherDevice = signedIn(cleo);
            row(page, dan.username()).click();
            Browsers.awaitMessage(page, "old news 2");
            row(otherDevice, dan.username()).waitFor();

            openInfo(page);
            page.getByText("Clear history").click();
            page.waitForFunction("() => document.querySelectorAll('.message .text').length === 0");
            var id = server.client().conversations(cleo.token()).getFirst().id();
            assertThat(server.client().conversation(cleo.token(), id).clearedSeq())
                    .isEqualTo(2);
            // Dan's history is his own
            assertThat(server.client().messagesAfter(dan.token(), id, 0, null, 10).messages())
                    .hasSize(2);
            danMessenger.send(toCleo, "fresh news").join();
            Browsers.awaitMessage(page, "fresh news");
            page.reload();
            row(page, dan.username()).click();
            Browsers.awaitMessage(page, "fresh news");
            assertThat(page.locator(".message .text").allTextContents()).containsExactly("fresh news");

            openInfo(page);
            page.getByText("Delete chat").click();
            Browsers.awaitHidden(page, ".chat-row");
            Browsers.awaitHidden(otherDevice, ".chat-row"); // the other device is told
            assertThat(server.client().conversations(cleo.token())).isEmpty();
            assertThat(server.client().conversations(dan.token())).hasSize(1);

            danMessenger.send(toCleo, "are you there?").join();
            row(page, dan.username()).click();
            Browsers.awaitMessage(page, "are you there?");
            assertThat(page.locator(".message .text").allTextContents()).containsExactly("are you there?");
            page.context().close();
            otherDevice.context().close();
        }
    }
}
