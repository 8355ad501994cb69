package dev.parley.message;

import dev.parley.shared.Ids;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts system messages: events every member must see in the conversation's log (membership changes, a new name, a
 * recall), each with an optional action that runs in the same transaction as the message is stored, given its seq.
 * The message and the action commit together and in order with every other message of the conversation, so that
 * for example a new member's history starts exactly at the message that says they joined.
 */
@Service
public class SystemMessages {

    /**
     * What else a system message's transaction does; it may throw a {@link dev.parley.shared.Refusal} to refuse. It
     * changes only rows of the message's own conversation: the writer's lanes, each owning a share of the
     * conversations, rely on that (see {@link MessageWriter}). It may run more than once if its transaction is retried.
     */
    @FunctionalInterface
    public interface Action {
        void apply(long seq);
    }

    private final MessageWriter writer;
    private final JsonMapper json;
    private final Ids ids;

    SystemMessages(MessageWriter writer, JsonMapper json, Ids ids) {
        this.writer = writer;
        this.json = json;
        this.ids = ids;
    }

    /**
     * Stores a system message whose body is {@code {"event": event, ...data}}, sent by {@code actorId}.
     *
     * @param action runs in the message's transaction (null: none); the conversation's cached members are
     *     forgotten after it commits
     * @param alsoNotify users who should get the message pushed although they are not members once it is stored
     * @return completes with the stored message after the commit, or with the action's refusal
     */
    public CompletableFuture<Message> post(
            long conversationId,
            long actorId,
            String event,
            Map<String, ?> data,
            @Nullable Action action,
            long... alsoNotify) {
        var body = new LinkedHashMap<String, Object>();
        body.put("event", event);
        body.putAll(data);
        var result = new CompletableFuture<Message>();
        writer.submit(new MessageWriter.Pending(
                actorId,
                0,
                conversationId,
                "system-" + ids.next(),
                new MessageWriter.Draft(
                        Message.SYSTEM, json.writeValueAsString(body), null, null, false, null, false, event),
                action,
                alsoNotify,
                result));
        return result;
    }
}
