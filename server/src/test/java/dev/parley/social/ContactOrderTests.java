package dev.parley.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactOrderTests {

    private final ContactOrder order = new ContactOrder();

    private List<String> sorted(String... names) {
        var list = new ArrayList<>(List.of(names));
        Collections.shuffle(list, new java.util.Random(7));
        list.sort(order.names());
        return list;
    }

    @Test
    void chineseNamesInterleaveWithLatinNamesByTheFirstLetterOfTheirPinyin() {
        assertThat(sorted("张伟", "李娜", "Alice", "bob", "王芳", "阿强"))
                .containsExactly("Alice", "阿强", "bob", "李娜", "王芳", "张伟");
    }

    @Test
    void withinALetterLatinNamesComeFirstThenChineseNamesInPinyinOrder() {
        assertThat(sorted("安娜", "ann", "阿强", "Alice", "Zoe", "张伟", "zhao", "赵六"))
                .containsExactly("Alice", "ann", "阿强", "安娜", "zhao", "Zoe", "张伟", "赵六");
    }

    @Test
    void caseAndAccentsDoNotSeparateLatinNames() {
        assertThat(sorted("emma", "Émile", "Eve", "bob", "Bea")).containsExactly("Bea", "bob", "Émile", "emma", "Eve");
    }

    @Test
    void namesThatStartWithNoLetterComeLastUnderHash() {
        assertThat(sorted("😀 smiley", "123", "Борис", "bob", "王芳"))
                .startsWith("bob", "王芳")
                .containsExactlyInAnyOrder("😀 smiley", "123", "Борис", "bob", "王芳");
        assertThat(order.initial("123")).isEqualTo("#");
        assertThat(order.initial("😀 smiley")).isEqualTo("#");
        assertThat(order.initial("Борис")).isEqualTo("#");
    }

    @Test
    void initialIsTheLetterANameIsListedUnder() {
        assertThat(order.initial("张伟")).isEqualTo("Z");
        assertThat(order.initial("阿强")).isEqualTo("A");
        assertThat(order.initial("重庆"))
                .as("a polyphonic character by its usual reading")
                .isEqualTo("C");
        assertThat(order.initial("émile")).isEqualTo("E");
        assertThat(order.initial("bob")).isEqualTo("B");
    }
}
