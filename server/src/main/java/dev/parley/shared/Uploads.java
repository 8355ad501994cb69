package dev.parley.shared;

import java.util.function.Supplier;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.Part;
import reactor.core.publisher.Mono;

/** Reading an uploaded multipart part into memory, refusing it once it grows past a limit. */
public final class Uploads {

    private Uploads() {}

    /** The part's bytes (empty for an empty part); fails with {@code tooLarge} past {@code maxBytes}. */
    public static Mono<byte[]> bytes(Part part, int maxBytes, Supplier<? extends Refusal> tooLarge) {
        return DataBufferUtils.join(part.content(), maxBytes)
                .map(buffer -> {
                    try {
                        var content = new byte[buffer.readableByteCount()];
                        buffer.read(content);
                        return content;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge.get())
                .defaultIfEmpty(new byte[0]);
    }
}
