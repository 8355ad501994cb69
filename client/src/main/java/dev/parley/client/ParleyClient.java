package dev.parley.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST half of the Parley client: accounts, devices, friends and contacts, conversations and history. Stateless and
 * thread-safe; calls that need a logged-in user take the session token.
 */
public final class ParleyClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http;

    public ParleyClient(URI base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    public ParleyClient(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    public URI base() {
        return base;
    }

    /** The WebSocket address of this server. */
    public URI webSocketUri() {
        var scheme = base.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + "/ws");
    }

    HttpClient http() {
        return http;
    }

    public Model.Account register(String username, String password) {
        return call(
                "POST", "/api/accounts", null, Map.of("username", username, "password", password), Model.Account.class);
    }

    public Model.Session login(String username, String password, String deviceName) {
        return call(
                "POST",
                "/api/sessions",
                null,
                Map.of("username", username, "password", password, "deviceName", deviceName),
                Model.Session.class);
    }

    public void logout(String token) {
        call("DELETE", "/api/sessions/current", token, null, Void.class);
    }

    public Model.User me(String token) {
        return call("GET", "/api/me", token, null, Model.User.class);
    }

    public Model.User userByName(String token, String username) {
        return call("GET", "/api/users/by-name/" + encode(username), token, null, Model.User.class);
    }

    public List<Model.Device> devices(String token) {
        return call("GET", "/api/devices", token, null, new TypeReference<List<Model.Device>>() {});
    }

    public void revokeDevice(String token, long deviceId) {
        call("DELETE", "/api/devices/" + deviceId, token, null, Void.class);
    }

    public List<Model.Conversation> conversations(String token) {
        return call("GET", "/api/conversations", token, null, new TypeReference<List<Model.Conversation>>() {});
    }

    public Model.Conversation conversation(String token, long conversationId) {
        return call("GET", "/api/conversations/" + conversationId, token, null, Model.Conversation.class);
    }

    /** The direct conversation with another user, opened if need be. */
    public Model.Conversation direct(String token, long userId) {
        return call("POST", "/api/conversations/direct", token, Map.of("userId", userId), Model.Conversation.class);
    }

    /** The oldest messages after {@code after} (and before {@code before}, if not null). */
    public Model.Page messagesAfter(String token, long conversationId, long after, Long before, int limit) {
        var query = "?after=" + after + (before == null ? "" : "&before=" + before) + "&limit=" + limit;
        return call("GET", "/api/conversations/" + conversationId + "/messages" + query, token, null, Model.Page.class);
    }

    /** The newest messages before {@code before} (or the newest of all, if null): scrolling back. */
    public Model.Page messagesBefore(String token, long conversationId, Long before, int limit) {
        var query = "?limit=" + limit + (before == null ? "" : "&before=" + before);
        return call("GET", "/api/conversations/" + conversationId + "/messages" + query, token, null, Model.Page.class);
    }

    public Model.Cursor markRead(String token, long conversationId, long seq) {
        return call(
                "POST",
                "/api/conversations/" + conversationId + "/read",
                token,
                Map.of("seq", seq),
                Model.Cursor.class);
    }

    /** Uploads an image; {@code purpose} is "avatar" or "chat". */
    public Model.Image uploadImage(String token, byte[] content, String filename, String contentType, String purpose) {
        return upload(
                "/api/media",
                token,
                "file",
                content,
                filename,
                contentType,
                Map.of("purpose", purpose),
                Model.Image.class);
    }

    /** An image's description with fresh signed URLs, if the caller may see it. */
    public Model.Image image(String token, String mediaId) {
        return call("GET", "/api/media/" + encode(mediaId), token, null, Model.Image.class);
    }

    public Model.MyProfile profile(String token) {
        return call("GET", "/api/profile", token, null, Model.MyProfile.class);
    }

    /** Changes the fields given (nickname, status, avatarId, findableByNickname); an empty string clears one. */
    public Model.MyProfile updateProfile(String token, Map<String, Object> changes) {
        return call("PATCH", "/api/profile", token, changes, Model.MyProfile.class);
    }

    public Model.Profile publicProfile(String token, long userId) {
        return call("GET", "/api/users/" + userId + "/profile", token, null, Model.Profile.class);
    }

    /** Users with this exact username, then users whose nickname starts with the query. */
    /** The public profiles of the users among the ids that exist. */
    public List<Model.Profile> profiles(String token, List<Long> userIds) {
        var ids = String.join(",", userIds.stream().map(String::valueOf).toList());
        return call("GET", "/api/users/profiles?ids=" + ids, token, null, new TypeReference<List<Model.Profile>>() {});
    }

    public Model.SearchPage searchUsers(String token, String query, int page) {
        return call(
                "GET", "/api/users/search?q=" + encode(query) + "&page=" + page, token, null, Model.SearchPage.class);
    }

    public Model.AddCode addCode(String token) {
        return call("GET", "/api/profile/add-code", token, null, Model.AddCode.class);
    }

    public Model.AddCode resetAddCode(String token) {
        return call("POST", "/api/profile/add-code/reset", token, null, Model.AddCode.class);
    }

    /** The profile of the user whose add-friend code this is. */
    public Model.Profile resolveAddCode(String token, String code) {
        return call("GET", "/api/add-codes/" + encode(code), token, null, Model.Profile.class);
    }

    /** The user's QR code as a PNG image. */
    public byte[] qrPng(String token) {
        return bytes("/api/profile/qr.png", token);
    }

    /** Finds the QR code in a photo, for clients that cannot scan with a camera. */
    public Model.DecodedQr decodeQr(String token, byte[] photo, String filename, String contentType) {
        return upload("/api/qr/decode", token, "file", photo, filename, contentType, Map.of(), Model.DecodedQr.class);
    }

    /**
     * Posts a multipart/form-data request with one file part and some plain fields, and reads the
     * JSON answer.
     */
    public <T> T upload(
            String path,
            String token,
            String part,
            byte[] content,
            String filename,
            String contentType,
            Map<String, String> fields,
            Class<T> type) {
        var boundary = "parley" + java.util.UUID.randomUUID().toString().replace("-", "");
        var body = new java.io.ByteArrayOutputStream();
        var crlf = "\r\n";
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + crlf
                        + "Content-Disposition: form-data; name=\"" + name + "\"" + crlf + crlf + value + crlf)
                .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + crlf + "Content-Disposition: form-data; name=\"" + part + "\"; filename=\""
                        + filename + "\"" + crlf + "Content-Type: " + contentType + crlf + crlf)
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes((crlf + "--" + boundary + "--" + crlf).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return JSON.readValue(send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)), type);
    }

    /** GETs raw bytes (an image). */
    public byte[] bytes(String path, String token) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private <B> B send(HttpRequest.Builder request, HttpResponse.BodyHandler<B> handler) {
        HttpResponse<B> response;
        try {
            response = http.send(request.build(), handler);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() >= 400) {
            var body = response.body();
            throw problem(
                    response.statusCode(),
                    body instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(body));
        }
        return response.body();
    }

    /**
     * Asks a user to be friends. If they had asked the caller already, this accepts their request: the answer is
     * then that request, with status {@code accepted}.
     */
    public Model.FriendRequest sendFriendRequest(String token, long toUserId, String greeting) {
        var body = new java.util.HashMap<String, Object>();
        body.put("toUserId", toUserId);
        body.put("greeting", greeting);
        return call("POST", "/api/friend-requests", token, body, Model.FriendRequest.class);
    }

    public List<Model.FriendRequest> incomingFriendRequests(String token) {
        return call(
                "GET", "/api/friend-requests/incoming", token, null, new TypeReference<List<Model.FriendRequest>>() {});
    }

    /** How many requests wait for the caller's answer: the number for a badge. */
    public long incomingFriendRequestCount(String token) {
        return call("GET", "/api/friend-requests/incoming/count", token, null, JsonNode.class)
                .path("count")
                .asLong();
    }

    public List<Model.FriendRequest> outgoingFriendRequests(String token) {
        return call(
                "GET", "/api/friend-requests/outgoing", token, null, new TypeReference<List<Model.FriendRequest>>() {});
    }

    public Model.FriendRequest acceptFriendRequest(String token, long requestId) {
        return call("POST", "/api/friend-requests/" + requestId + "/accept", token, null, Model.FriendRequest.class);
    }

    public void declineFriendRequest(String token, long requestId) {
        call("POST", "/api/friend-requests/" + requestId + "/decline", token, null, Void.class);
    }

    public void cancelFriendRequest(String token, long requestId) {
        call("DELETE", "/api/friend-requests/" + requestId, token, null, Void.class);
    }

    /** The caller's friends, in contacts-book order. */
    public List<Model.Contact> contacts(String token) {
        return call("GET", "/api/contacts", token, null, new TypeReference<List<Model.Contact>>() {});
    }

    /** Sets the caller's private remark for a friend; null or blank clears it. */
    public Model.Contact setRemark(String token, long friendId, String remark) {
        var body = new java.util.HashMap<String, Object>();
        body.put("remark", remark);
        return call("PUT", "/api/contacts/" + friendId + "/remark", token, body, Model.Contact.class);
    }

    public void removeFriend(String token, long friendId) {
        call("DELETE", "/api/contacts/" + friendId, token, null, Void.class);
    }

    public void block(String token, long userId) {
        call("PUT", "/api/blocks/" + userId, token, null, Void.class);
    }

    public void unblock(String token, long userId) {
        call("DELETE", "/api/blocks/" + userId, token, null, Void.class);
    }

    public List<Model.BlockedUser> blocks(String token) {
        return call("GET", "/api/blocks", token, null, new TypeReference<List<Model.BlockedUser>>() {});
    }

    // groups

    public Model.Group createGroup(String token, String name, List<Long> memberIds) {
        return call("POST", "/api/groups", token, Map.of("name", name, "memberIds", memberIds), Model.Group.class);
    }

    public Model.Group group(String token, long groupId) {
        return call("GET", "/api/groups/" + groupId, token, null, Model.Group.class);
    }

    /** Changes a group's {@code name}, {@code announcement} or {@code avatarId}. */
    public Model.Group updateGroup(String token, long groupId, Map<String, Object> changes) {
        return call("PATCH", "/api/groups/" + groupId, token, changes, Model.Group.class);
    }

    public Model.Group addMembers(String token, long groupId, List<Long> userIds) {
        return call(
                "POST", "/api/groups/" + groupId + "/members", token, Map.of("userIds", userIds), Model.Group.class);
    }

    public void removeMember(String token, long groupId, long userId) {
        call("DELETE", "/api/groups/" + groupId + "/members/" + userId, token, null, Void.class);
    }

    public void leaveGroup(String token, long groupId) {
        call("POST", "/api/groups/" + groupId + "/leave", token, null, Void.class);
    }

    public Model.Group setAdmin(String token, long groupId, long userId, boolean admin) {
        return call(
                admin ? "PUT" : "DELETE",
                "/api/groups/" + groupId + "/admins/" + userId,
                token,
                null,
                Model.Group.class);
    }

    public Model.Group transferGroup(String token, long groupId, long userId) {
        return call("POST", "/api/groups/" + groupId + "/owner", token, Map.of("userId", userId), Model.Group.class);
    }

    public void dissolveGroup(String token, long groupId) {
        call("DELETE", "/api/groups/" + groupId, token, null, Void.class);
    }

    /** Creates an invite link; a null lifetime takes the server's default. */
    public Model.Invite createInvite(String token, long groupId, Long expiresInSeconds) {
        var body = new java.util.HashMap<String, Object>();
        body.put("expiresInSeconds", expiresInSeconds);
        return call("POST", "/api/groups/" + groupId + "/invites", token, body, Model.Invite.class);
    }

    public List<Model.Invite> invites(String token, long groupId) {
        return call(
                "GET", "/api/groups/" + groupId + "/invites", token, null, new TypeReference<List<Model.Invite>>() {});
    }

    public void revokeInvite(String token, long groupId, String inviteToken) {
        call("DELETE", "/api/groups/" + groupId + "/invites/" + encode(inviteToken), token, null, Void.class);
    }

    public Model.InvitePreview invitePreview(String token, String inviteToken) {
        return call("GET", "/api/invites/" + encode(inviteToken), token, null, Model.InvitePreview.class);
    }

    public Model.Group joinByInvite(String token, String inviteToken) {
        return call("POST", "/api/invites/" + encode(inviteToken) + "/join", token, null, Model.Group.class);
    }

    // conversation management and message actions

    public Model.Conversation pin(String token, long conversationId, boolean pinned) {
        return call(
                pinned ? "PUT" : "DELETE",
                "/api/conversations/" + conversationId + "/pin",
                token,
                null,
                Model.Conversation.class);
    }

    public Model.Conversation mute(String token, long conversationId, boolean muted) {
        return call(
                muted ? "PUT" : "DELETE",
                "/api/conversations/" + conversationId + "/mute",
                token,
                null,
                Model.Conversation.class);
    }

    public Model.Conversation clearHistory(String token, long conversationId) {
        return call("POST", "/api/conversations/" + conversationId + "/clear", token, null, Model.Conversation.class);
    }

    public void deleteConversation(String token, long conversationId) {
        call("DELETE", "/api/conversations/" + conversationId, token, null, Void.class);
    }

    /** The unread messages of every conversation that is not muted. */
    public long unreadTotal(String token) {
        return JSON.readTree(exchange("GET", "/api/conversations/unread", token, null))
                .path("unread")
                .asLong();
    }

    public Model.ReadState reads(String token, long conversationId, long seq) {
        return call(
                "GET",
                "/api/conversations/" + conversationId + "/messages/" + seq + "/reads",
                token,
                null,
                Model.ReadState.class);
    }

    /** Recalls one's own message; returns the {@code recalled} system message. */
    public Model.Message recall(String token, long messageId) {
        return call("POST", "/api/messages/" + messageId + "/recall", token, null, Model.Message.class);
    }

    public void deleteMessage(String token, long messageId) {
        call("DELETE", "/api/messages/" + messageId, token, null, Void.class);
    }

    public Model.SearchResults searchMessages(String token, String query, Long before) {
        return call(
                "GET",
                "/api/messages/search?q=" + encode(query) + (before == null ? "" : "&before=" + before),
                token,
                null,
                Model.SearchResults.class);
    }

    public List<Model.Presence> presence(String token, List<Long> userIds) {
        var ids = String.join(",", userIds.stream().map(String::valueOf).toList());
        return call("GET", "/api/presence?userIds=" + ids, token, null, new TypeReference<List<Model.Presence>>() {});
    }

    public void hideLastSeen(String token, boolean hide) {
        call("PUT", "/api/presence/settings", token, Map.of("hideLastSeen", hide), Void.class);
    }

    private <T> T call(String method, String path, String token, Object body, Class<T> type) {
        var response = exchange(method, path, token, body);
        return type == Void.class || response.isEmpty() ? null : JSON.readValue(response, type);
    }

    private <T> T call(String method, String path, String token, Object body, TypeReference<T> type) {
        return JSON.readValue(exchange(method, path, token, body), type);
    }

    private String exchange(String method, String path, String token, Object body) {
        var request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static ParleyException problem(int status, String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            var code = problem.path("code").asString("http_" + status);
            var detail = problem.path("detail").asString(problem.path("title").asString(""));
            return new ParleyException(status, code, detail);
        } catch (RuntimeException unreadable) {
            return new ParleyException(status, "http_" + status, "HTTP " + status);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
