package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.client.Messenger;
import dev.parley.client.Model;
import dev.parley.client.ParleyClient;
import dev.parley.testing.Recorder;
import dev.parley.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;



/**
 * The page against servers the tests start themselves: it survives a restart (shows that it is reconnecting,
 * reconnects, fills what it missed and sends what was typed meanwhile), and keeps a chat's sends in order when the
 * server's rate limit refuses one for the moment.
 */
class OwnServerBrowserTests {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @TempDir
    Path data;

    @Test
    void afterARestartThePageReconnectsAndShowsWhatWasSentMeanwhile() throws Exception {
        int port = Browsers.freePort();
        var client = new ParleyClient(URI.create("http://localhost:" + port), HttpClient.newHttpClient());
        String prefix = "rs" + System.nanoTime() % 1_000_000_000L;
        Model.Account nora;
        Model.Account omar;
        Page page;

        var server = Browsers.startServer(data, port);
        try {
            nora = client.register(prefix + "nora", TestServer.PASSWORD);
            omar = client.register(prefix + "omar", TestServer.PASSWORD);
            var noraSession = client.login(nora.username(), TestServer.PASSWORD, "setup");
            var omarSession = client.login(omar.username(), TestServer.PASSWORD, "setup");
            TestServer.befriend(client, noraSession, omarSession);
            try (var messenger = new Messenger(client, noraSession, new Recorder()).start()) {
                messenger.send(new Messenger.Target.User(omar.id()), "before the restart").join();
            }

            page = browsers.newPage("http://localhost:" + port);
            Browsers.signIn(page, omar.username());
            page.locator(".chat-row").first().click();
            Browsers.awaitMessage(page, "before the restart");
        } finally {
            server.close();
        }

        page.locator(".banner[data-state=reconnecting]").waitFor();
        assertThat(page.locator(".banner").textContent()).isEqualTo("Reconnecting…");
        Browsers.screenshot(page, "15-reconnecting");
        // typed while the server is away: kept on the page and sent, in this order, once it is back
        Browsers.type(page, "typed offline 1");
        Browsers.type(page, "typed offline 2");

        server = Browsers.startServer(data, port);
        try {
            var noraAgain = client.login(nora.username(), TestServer.PASSWORD, "after restart");
            try (var messenger = new Messenger(client, noraAgain, new Recorder()).start()) {
                for (int i = 1; i <= 5; i++) {
                    messenger.send(new Messenger.Target.User(omar.id()), "missed " + i).join();
                }
            }
            for (int i = 1; i <= 5; i++) {
                Browsers.awaitMessage(page, "missed " + i);
            }
            Browsers.awaitHidden(page, ".banner");
            for (int i = 1; i <= 2; i++) {
                page.locator(".message.mine:not(.pending)", new Page.LocatorOptions().setHasText("typed offline " + i))
                        .waitFor();
            }
            var texts = page.locator(".message .text").allTextContents();
            assertThat(texts.subList(0, 1)).containsExactly("before the restart");
            // the page's two sends come after the Messenger's five or before them, but in the order they were typed
            assertThat(texts)
                    .containsSubsequence("missed 1", "missed 2", "missed 3", "missed 4", "missed 5")
                    .containsSubsequence("typed offline 1", "typed offline 2")
                    .hasSize(8);

            // and the connection is live again: a reply goes out and is acknowledged
            Browsers.type(page, "back online");
            page.locator(".message.mine:not(.pending)", new Page.LocatorOptions().setHasText("back online"))
                    .waitFor();
            Browsers.screenshot(page, "16-reconnected");
            browsers.pageErrors.removeIf(error -> error.contains("ERR_CONNECTION_REFUSED"));
            browsers.assertNoPageErrors();
            page.context().close();
        } finally {
            server.close();
        }
    }

    @Test
    void aSendRefusedForTheMomentIsNotOvertakenByTheNextOne() {
        int port = Browsers.freePort();
        // two messages a second, three at once: the page is refused within a few quick sends, and a token comes back
        // half a second later, well before the page retries the refused send (after one second)
        try (var server = Browsers.startServer(
                data, port, "--parley.message.rate-per-second=2", "--parley.message.rate-burst=3")) {
            var client = new ParleyClient(URI.create("http://localhost:" + port), HttpClient.newHttpClient());
            String prefix = "so" + System.nanoTime() % 1_000_000_000L;
            var nora = client.register(prefix + "nora", TestServer.PASSWORD);
            var omar = client.register(prefix + "omar", TestServer.PASSWORD);
            var noraSession = client.login(nora.username(), TestServer.PASSWORD, "setup");
            var omarSession = client.login(omar.username(), TestServer.PASSWORD, "setup");
            TestServer.befriend(client, noraSession, omarSession);
            try (var messenger = new Messenger(client, omarSession, new Recorder()).start()) {
                messenger.send(new Messenger.Target.User(nora.id()), "hello nora").join();
            }

            var page = browsers.newPage("http://localhost:" + port);
            var refusals = new CopyOnWriteArrayList<String>();
            page.onWebSocket(socket -> socket.onFrameReceived(frame -> {
                if (frame.text() != null && frame.text().contains("\"rate_limited\"")) refusals.add(frame.text());
            }));
            Browsers.signIn(page, nora.username());
            page.locator(".chat-row").first().click();
            Browsers.awaitMessage(page, "hello nora");

            List<String> typed = new ArrayList<>();
            while (refusals.isEmpty()) {
                assertThat(typed).as("sends before the rate refuses one").hasSizeLessThan(20);
                String text = "order %02d".formatted(typed.size() + 1);
                Browsers.type(page, text);
                typed.add(text);
                awaitAckedOrRefused(page, text, refusals);
            }
            page.waitForTimeout(700); // a token is back; the refused send waits for its retry
            String next = "order %02d".formatted(typed.size() + 1);
            Browsers.type(page, next);
            typed.add(next);

            for (String text : typed) {
                acked(page, text).waitFor();
            }
            assertThat(page.locator(".message.mine .text").allTextContents()).containsExactlyElementsOf(typed);
            browsers.assertNoPageErrors();
            page.context().close();
        }
    }

    private static Locator acked(Page page, String text) {
        return page.locator(".message.mine:not(.pending)", new Page.LocatorOptions().setHasText(text));
    }

    private static void awaitAckedOrRefused(Page page, String text, List<String> refusals) {
        for (int waited = 0; refusals.isEmpty() && acked(page, text).count() == 0; waited += 10) {
            assertThat(waited).as("waited for the answer to " + text).isLessThan(10_000);
            page.waitForTimeout(10);
        }
    }
}
