package dev.parley.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddLinksTests {

    @Test
    void linkCarriesTheCodeAndReadsBack() {
        var link = AddLinks.link("https://chat.example.org/", "abc234def567");
        assertThat(link).isEqualTo("https://chat.example.org/add/abc234def567");
        assertThat(AddLinks.code(link)).isEqualTo("abc234def567");
    }

    @Test
    void otherTextIsNotAnAddLink() {
        assertThat(AddLinks.code("hello")).isNull();
        assertThat(AddLinks.code("https://example.org/add/../../etc")).isNull();
        assertThat(AddLinks.code("javascript:alert(1)//add/abcd")).isNull();
    }
}
