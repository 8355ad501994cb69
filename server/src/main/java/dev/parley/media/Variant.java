package dev.parley.media;

import java.util.Locale;
import java.util.Optional;

/** The forms in which a stored image is served. Variants are never larger than the original. */
public enum Variant {
    /** The upload itself, re-encoded without metadata, at its own size. */
    ORIGINAL(0),
    /** For viewing: at most 1280 pixels on the longest side. */
    VIEW(1280),
    /** For lists: at most 160 pixels on the longest side. */
    THUMBNAIL(160);

    private final int longestSide;

    Variant(int longestSide) {
        this.longestSide = longestSide;
    }

    /** The most pixels on the longest side; 0 for the original, which keeps its size. */
    public int longestSide() {
        return longestSide;
    }

    /** How the variant is written in URLs and storage keys: {@code original}, {@code view}, {@code thumbnail}. */
    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Variant> fromPathName(String name) {
        for (var variant : values()) {
            if (variant.pathName().equals(name)) {
                return Optional.of(variant);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether an image of this size has an object of its own for this variant. An image that already
     * fits is not scaled up: the variant is served from the original.
     */
    boolean scalesDown(int width, int height) {
        return this != ORIGINAL && Math.max(width, height) > longestSide;
    }
}
