package dev.parley.social;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.AlphabeticIndex;
import com.ibm.icu.text.Collator;
import com.ibm.icu.text.RuleBasedCollator;
import com.ibm.icu.util.ULocale;
import java.util.Comparator;

/**
 * The order of the contacts book, as in the address books of Chinese phones: names are grouped under
 * the letters A to Z, Chinese names under the first letter of their pinyin (张伟 under Z, 阿强 under A),
 * Latin names under their first letter with accents ignored (Émile under E); names that start with
 * anything else (digits, emoji, other scripts) come last, under {@code #}. Within a letter, Latin
 * names come first in alphabetical order, case and accents mattering only to break ties, then
 * Chinese names in pinyin order. So Alice, ann, 阿强, 安娜, bob, 李娜, 王芳, 张伟.
 *
 * <p>Both parts come from ICU's Chinese (pinyin) collation: the letters from its {@link
 * AlphabeticIndex}, the order within a letter from its collator with Latin reordered before Han.
 * Thread-safe.
 */
final class ContactOrder {

    /** The group of names that start with no letter. */
    static final String OTHERS = "#";

    private final AlphabeticIndex.ImmutableIndex<Object> index;
    private final Collator collator;

    ContactOrder() {
        var chinese = ULocale.forLanguageTag("zh");
        this.index = new AlphabeticIndex<>(chinese).addLabels(ULocale.ENGLISH).buildImmutableIndex();
        var collator = (RuleBasedCollator) Collator.getInstance(chinese);
        collator.setReorderCodes(UScript.LATIN, UScript.HAN);
        this.collator = collator.freeze();
    }

    /** The letter the name is listed under: {@code A} to {@code Z}, or {@code #}. */
    String initial(String name) {
        var bucket = index.getBucket(index.getBucketIndex(name));
        return bucket.getLabelType() == AlphabeticIndex.Bucket.LabelType.NORMAL ? bucket.getLabel() : OTHERS;
    }

    /** Orders display names as described above. */
    Comparator<String> names() {
        return Comparator.comparing((String name) -> groupRank(initial(name))).thenComparing(collator::compare);
    }

    private static int groupRank(String initial) {
        return OTHERS.equals(initial) ? Integer.MAX_VALUE : initial.codePointAt(0);
    }
}
