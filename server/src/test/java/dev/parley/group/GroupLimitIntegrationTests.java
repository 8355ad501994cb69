package dev.parley.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.ParleyException;
import dev.parley.testing.ServerTest;
import dev.parley.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@ServerTest
@TestPropertySource(properties = "parley.group.max-members=3")
class GroupLimitIntegrationTests {

    @Autowired
    TestServer server;

    @Test
    void theMemberLimitHoldsOnCreateAddAndJoin() {
        var owner = server.newUser("owner");
        var friends = List.of(server.newUser("a"), server.newUser("b"), server.newUser("c"));
        friends.forEach(friend -> server.befriend(owner, friend));
        var client = server.client();

        assertThatThrownBy(() -> client.createGroup(
                        owner.token(),
                        "Too many",
                        friends.stream().map(f -> f.userId()).toList()))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("group_full"));
        long id = client.createGroup(
                        owner.token(),
                        "Three",
                        List.of(friends.get(0).userId(), friends.get(1).userId()))
                .id();
        assertThatThrownBy(() -> client.addMembers(
                        owner.token(), id, List.of(friends.get(2).userId())))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("group_full"));
        var invite = client.createInvite(owner.token(), id, null);
        assertThatThrownBy(() -> client.joinByInvite(server.newUser("d").token(), invite.token()))
                .isInstanceOfSatisfying(
                        ParleyException.class, e -> assertThat(e.code()).isEqualTo("group_full"));

        client.leaveGroup(friends.get(0).token(), id);
        client.addMembers(owner.token(), id, List.of(friends.get(2).userId()));
        assertThat(client.group(owner.token(), id).members()).hasSize(3);
    }
}
