package dev.parley.account;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
class AccountController {

    record Registration(String username, String password) {}

    record Login(String username, String password, String deviceName) {}

    record Existence(String username, boolean exists) {}

    record DeviceView(long id, String name, long createdAt, long lastSeenAt, boolean current) {}

    private final AccountManagement accounts;
    private final UserDirectory directory;

    AccountController(AccountManagement accounts, UserDirectory directory) {
        this.accounts = accounts;
        this.directory = directory;
    }

    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountManagement.Registered register(@RequestBody Registration registration, ServerHttpRequest request) {
        return accounts.register(registration.username(), registration.password(), address(request));
    }

    @PostMapping("/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    AccountManagement.LoggedIn login(@RequestBody Login login, ServerHttpRequest request) {
        return accounts.login(login.username(), login.password(), login.deviceName(), address(request));
    }

    /** Whether a username is taken, so that a sign-in page can offer to create an account it lacks. */
    @GetMapping("/accounts/{username}/exists")
    Existence exists(@PathVariable String username, ServerHttpRequest request) {
        return new Existence(AccountManagement.normalised(username), accounts.exists(username, address(request)));
    }

    private static String address(ServerHttpRequest request) {
        var remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
    }

    @DeleteMapping("/sessions/current")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(Caller caller) {
        accounts.logout(caller);
    }

    @GetMapping("/me")
    UserDirectory.UserSummary me(Caller caller) {
        return directory.byId(caller.userId());
    }

    @GetMapping("/devices")
    List<DeviceView> devices(Caller caller) {
        return accounts.devices(caller).stream()
                .map(d -> new DeviceView(d.id(), d.name(), d.createdAt(), d.lastSeenAt(), d.id() == caller.deviceId()))
                .toList();
    }

    @DeleteMapping("/devices/{deviceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Caller caller, @PathVariable long deviceId) {
        accounts.revoke(caller, deviceId);
    }

    @GetMapping("/users/{userId}")
    UserDirectory.UserSummary user(Caller caller, @PathVariable long userId) {
        return directory.byId(userId);
    }

    @GetMapping("/users/by-name/{username}")
    UserDirectory.UserSummary userByName(Caller caller, @PathVariable String username) {
        return directory.byUsername(username);
    }
}
