package dev.parley.message;

import dev.parley.conversation.Conversations;
import dev.parley.shared.Databases;
import dev.parley.shared.Texts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.stereotype.Service;

/**
 * Searching the texts (and image captions) of the conversations a user is or was in, newest first, only in what
 * they may read. On PostgreSQL a query of words uses its full-text search (configuration {@code simple}: whole words,
 * no stemming, any language); a query with CJK characters, which are not separated by spaces, and every query on
 * other databases match a case-insensitive substring.
 */
@Service
class MessageSearch {

    /** A page of results, newest first; {@code nextBefore} asks for the page after it, if there may be one. */
    record Results(List<Message> messages, @Nullable Long nextBefore) {}

    private static final int MAX_QUERY = 100;
    private static final int MAX_ROUNDS = 5;
    private static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]");
    private static final String SUBSTRING = "LOWER(m.body) LIKE :q ESCAPE '!'";
    private static final String FULL_TEXT = "to_tsvector('simple', m.body) @@ plainto_tsquery('simple', :q)";

    private final MessageStore store;
    private final Conversations conversations;
    private final boolean postgresql;
    private final int pageSize;

    MessageSearch(MessageStore store, Conversations conversations, DataSource dataSource, MessageSettings settings) {
        this.store = store;
        this.conversations = conversations;
        this.postgresql = Databases.of(dataSource) == DatabaseDriver.POSTGRESQL;
        this.pageSize = settings.searchPageSize();
    }

    Results search(long userId, @Nullable String query, @Nullable Long before) {
        var words = Texts.clean(query);
        if (words == null || Texts.longerThan(words, MAX_QUERY)) {
            throw new MessageRefusals.InvalidQuery("A search is 1 to " + MAX_QUERY + " characters");
        }
        var visible = new HashMap<Long, Conversations.Visible>();
        conversations.visibleTo(userId).forEach(v -> visible.put(v.conversationId(), v));
        if (visible.isEmpty()) {
            return new Results(List.of(), null);
        }
        boolean fullText = postgresql && !CJK.matcher(words).find();
        var condition = fullText ? FULL_TEXT : SUBSTRING;
        var argument = fullText ? words : "%" + escape(words.toLowerCase(Locale.ROOT)) + "%";
        var found = new ArrayList<Message>();
        long cursor = before == null ? Long.MAX_VALUE : before;
        for (int round = 0; round < MAX_ROUNDS && found.size() < pageSize; round++) {
            var candidates = store.search(userId, visible.keySet(), condition, argument, cursor, pageSize);
            for (var message : candidates) {
                if (found.size() == pageSize) {
                    return new Results(found, cursor);
                }
                cursor = message.id();
                var range = visible.get(message.conversationId());
                if (range.contains(message.seq())) {
                    found.add(message);
                }
            }
            if (candidates.size() < pageSize) {
                return new Results(found, null);
            }
        }
        return new Results(found, cursor);
    }

    private static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
