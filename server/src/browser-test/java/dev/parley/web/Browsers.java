package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.parley.ParleyApplication;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One headless Chromium (the system's, never a downloaded one) for a test class, with helpers to open the web client as
 * a person would: sign up, sign in, open a chat, send, look. Page errors are collected and fail the test. A test class
 * registers it as an extension ({@code @RegisterExtension static final Browsers browsers = new Browsers();}): the
 * browser starts before the class's tests and quits after them.
 */
final class Browsers implements BeforeAllCallback, AfterAllCallback {

    static final List<String> ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run");

    private Playwright playwright;
    private Browser browser;
    final List<String> pageErrors = new CopyOnWriteArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Paths.get(System.getProperty("parley.browser.executable", "/usr/bin/chromium")))
                        .setHeadless(true)
                        .setArgs(ARGS));
    }

    /** A fresh browser profile (its own localStorage), like another person's computer. */
    Page newPage(String base, int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(base)
                .setViewportSize(width, height)
                .setLocale("en-US")
                .setTimezoneId("UTC"));
        var page = context.newPage();
        page.setDefaultTimeout(20_000);
        page.onPageError(error -> pageErrors.add(error));
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type()) && !message.text().contains("Failed to load resource")
                    && !message.text().contains("WebSocket connection")) {
                pageErrors.add(message.text());
            }
        });
        page.navigate("/");
        return page;
    }

    Page newPage(String base) {
        return newPage(base, 1280, 800);
    }

    /** A port nobody listens on now, for a server a test starts and stops itself. */
    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server of the test's own on {@code port}, keeping its database and media under {@code data} so that one started
     * again on them finds what the first stored; {@code settings} are more command-line settings.
     */
    static ConfigurableApplicationContext startServer(Path data, int port, String... settings) {
        var arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--parley.account.argon2-memory-kib=1024",
                "--parley.account.argon2-iterations=1",
                "--parley.media.directory=" + data.resolve("media"),
                // signed media links must outlive a restart
                "--parley.media.signing-secret=browser-test-signing-secret-0123456789"));
        if (!TestDatabase.onServer()) {
            arguments.add("--spring.datasource.url=jdbc:h2:file:" + data.resolve("parley") + ";WRITE_DELAY=0");
        }
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(ParleyApplication.class).run(arguments.toArray(String[]::new));
    }

    static void signUp(Page page, String username) {
        submitLogin(page, username);
        page.getByText("Create account").click();
        page.waitForSelector(".rail");
    }

    static void signIn(Page page, String username) {
        submitLogin(page, username);
        page.waitForSelector(".rail");
    }

    private static void submitLogin(Page page, String username) {
        page.fill("#login-username", username);
        page.fill("#login-password", TestServer.PASSWORD);
        page.click(".login-form button[type=submit]");
    }

    static void type(Page page, String text) {
        var input = page.locator(".composer-input");
        input.fill(text);
        input.press("Enter");
    }

    /** The text bubble holding exactly this text. */
    static void awaitMessage(Page page, String text) {
        page.locator(".message .text", new Page.LocatorOptions().setHasText(text))
                .first()
                .waitFor();
    }

    static void awaitHidden(Page page, String selector) {
        page.waitForSelector(selector, new Page.WaitForSelectorOptions().setState(WaitForSelectorState.HIDDEN));
    }

    static void screenshot(Page page, String name) {
        var dir = Path.of(System.getProperty("parley.browser.screenshots", "target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")));
    }

    void assertNoPageErrors() {
        assertThat(pageErrors).as("errors in the page").isEmpty();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        browser.close();
        playwright.close();
    }
}
