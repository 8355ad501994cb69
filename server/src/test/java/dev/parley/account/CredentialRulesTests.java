package dev.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CredentialRulesTests {

    @Test
    void usernamesAreNormalisedToLowerCase() {
        assertThat(CredentialRules.username("  Alice.B_2 ")).isEqualTo("alice.b_2");
    }

    @Test
    void malformedUsernamesAreRefused() {
        for (var bad : new String[] {null, "", "ab", "1abc", "a b c", "abc!", "a".repeat(33), "中文名字"}) {
            assertThatThrownBy(() -> CredentialRules.username(bad))
                    .as(String.valueOf(bad))
                    .isInstanceOf(Refusals.InvalidUsername.class);
        }
    }

    @Test
    void goodPasswordsPass() {
        assertThatCode(() -> CredentialRules.checkPassword("correct horse battery", "alice"))
                .doesNotThrowAnyException();
        assertThatCode(() -> CredentialRules.checkPassword("密码足够长的一句话", "alice"))
                .doesNotThrowAnyException();
    }

    @Test
    void weakPasswordsAreRefused() {
        for (var weak :
                new String[] {null, "short", "x".repeat(129), "aaaaaaaaaa", "Password123", "xxalicexx", "QWERTY123"}) {
            assertThatThrownBy(() -> CredentialRules.checkPassword(weak, "alice"))
                    .as(String.valueOf(weak))
                    .isInstanceOf(Refusals.WeakPassword.class);
        }
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        // seven emoji are fourteen UTF-16 units but only seven characters
        assertThatThrownBy(() -> CredentialRules.checkPassword("😀😁😂🤣😃😄😅", "alice"))
                .isInstanceOf(Refusals.WeakPassword.class);
        assertThatCode(() -> CredentialRules.checkPassword("😀😁😂🤣😃😄😅😆", "alice"))
                .doesNotThrowAnyException();
    }
}
