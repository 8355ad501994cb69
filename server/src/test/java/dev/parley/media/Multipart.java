package dev.parley.media;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body built by hand, as a browser's form would send it. */
final class Multipart {

    private final String boundary = "----parley" + UUID.randomUUID().toString().replace("-", "");
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    Multipart file(String name, String filename, String contentType, byte[] content) {
        text("--" + boundary + "\r\n");
        text("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n");
        text("Content-Type: " + contentType + "\r\n\r\n");
        body.writeBytes(content);
        text("\r\n");
        return this;
    }

    Multipart field(String name, String value) {
        text("--" + boundary + "\r\n");
        text("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        text(value + "\r\n");
        return this;
    }

    HttpRequest post(URI uri, String token) {
        text("--" + boundary + "--\r\n");
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    private void text(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
