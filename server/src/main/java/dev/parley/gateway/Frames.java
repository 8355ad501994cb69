package dev.parley.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.message.Message;
import dev.parley.shared.Refusal;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads client frames and writes server frames (see docs/protocol.md). */
@Component
class Frames {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, @Nullable JsonNode id, String code, String message) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ready(
            String type,
            @Nullable JsonNode id,
            long userId,
            long deviceId,
            long idleTimeoutSeconds,
            int maxFrameBytes,
            long recallWindowSeconds) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pong(String type, @Nullable JsonNode id) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ack(String type, @Nullable JsonNode id, Message message) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Done(String type, @Nullable JsonNode id, long conversationId, long seq) {}

    record Push(String type, Message message) {}

    record Receipt(String type, long conversationId, long userId, String cursor, long seq) {}

    record Event(String type, String event, Object data) {}

    record Typing(String type, long conversationId, long userId) {}

    /** A frame whose JSON or fields are not what its type requires. */
    static final class InvalidFrame extends Refusal {
        InvalidFrame(String code, String message) {
            super(code, 400, message);
        }
    }

    private final JsonMapper json;

    Frames(JsonMapper json) {
        this.json = json;
    }

    /** Parses a frame: a JSON object with a string {@code type}. */
    JsonNode read(String text) {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidFrame("malformed_frame", "The frame is not valid JSON");
        }
        if (frame == null || !frame.isObject()) {
            throw new InvalidFrame("malformed_frame", "A frame is a JSON object");
        }
        var type = frame.get("type");
        if (type == null || !type.isString()) {
            throw new InvalidFrame("invalid_frame", "A frame needs a string field 'type'");
        }
        return frame;
    }

    static @Nullable JsonNode id(JsonNode frame) {
        var id = frame.get("id");
        return id == null || id.isNull() ? null : id;
    }

    static String requiredString(JsonNode frame, String field) {
        var value = frame.get(field);
        if (value == null || !value.isString()) {
            throw new InvalidFrame("invalid_frame", "Field '" + field + "' must be a string");
        }
        return value.stringValue();
    }

    static long requiredLong(JsonNode frame, String field) {
        var value = frame.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidFrame("invalid_frame", "Field '" + field + "' must be an integer");
        }
        return value.longValue();
    }

    /** An optional array of integers; null if the field is absent. */
    static java.util.@Nullable List<Long> longs(JsonNode frame, String field) {
        if (!has(frame, field)) {
            return null;
        }
        var value = frame.get(field);
        var longs = new java.util.ArrayList<Long>();
        if (value.isArray()) {
            for (var item : value) {
                if (!item.isIntegralNumber() || !item.canConvertToLong()) {
                    longs = null;
                    break;
                }
                longs.add(item.longValue());
            }
        }
        if (longs == null || !value.isArray()) {
            throw new InvalidFrame("invalid_frame", "Field '" + field + "' must be an array of integers");
        }
        return longs;
    }

    static boolean flag(JsonNode frame, String field) {
        if (!has(frame, field)) {
            return false;
        }
        var value = frame.get(field);
        if (!value.isBoolean()) {
            throw new InvalidFrame("invalid_frame", "Field '" + field + "' must be true or false");
        }
        return value.booleanValue();
    }

    static boolean has(JsonNode frame, String field) {
        var value = frame.get(field);
        return value != null && !value.isNull();
    }

    String error(@Nullable JsonNode id, Refusal refusal) {
        return write(new Error("error", id, refusal.code(), refusal.getMessage()));
    }

    String error(@Nullable JsonNode id, String code, String message) {
        return write(new Error("error", id, code, message));
    }

    String write(Object frame) {
        return json.writeValueAsString(frame);
    }

    /** The frame as UTF-8 bytes, for {@link Connection#send(ByteBuf)}: serialised once however many get it. */
    ByteBuf bytes(Object frame) {
        return Unpooled.wrappedBuffer(json.writeValueAsBytes(frame));
    }

    static ByteBuf encode(String frame) {
        return ByteBufUtil.writeUtf8(ByteBufAllocator.DEFAULT, frame);
    }
}
