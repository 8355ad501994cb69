package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ServerTest
class AppLinksIntegrationTests {

    @Autowired
    TestServer server;

    private HttpResponse<String> get(String path) throws Exception {
        return server.http()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void inviteAndAddFriendLinksServeTheWebClient() throws Exception {
        for (var path : new String[] {"/join/k7mq2xw9ab3dfg45", "/add/abcd2345", "/join/k7mq2xw9ab3dfg45/"}) {
            var response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(response.body()).contains("<script type=\"importmap\">");
            assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        }
    }

    @Test
    void otherPathsAreNotTheApp() throws Exception {
        assertThat(get("/join/").statusCode()).isEqualTo(404);
        assertThat(get("/join/a/b").statusCode()).isEqualTo(404);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }
}
