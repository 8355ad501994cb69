package dev.parley.media;

import dev.parley.shared.Refusal;

/** What the media feature refuses, each with its stable code. */
public final class MediaRefusals {

    private MediaRefusals() {}

    public static final class UnsupportedMediaType extends Refusal {
        UnsupportedMediaType() {
            super(
                    "unsupported_media_type",
                    415,
                    "Only JPEG, PNG, GIF and WebP images can be uploaded (the type is read from the file's bytes)");
        }
    }

    public static final class MediaTooLarge extends Refusal {
        MediaTooLarge(long maxBytes) {
            super("media_too_large", 413, "An upload has at most " + maxBytes + " bytes");
        }
    }

    public static final class MediaQuotaExceeded extends Refusal {
        MediaQuotaExceeded(long dailyBytes) {
            super(
                    "media_quota_exceeded",
                    429,
                    "Uploads are limited to " + dailyBytes + " bytes per user in any 24 hours; try again later");
        }
    }

    public static final class TooManyPixels extends Refusal {
        TooManyPixels(int width, int height, long maxPixels) {
            super(
                    "too_many_pixels",
                    422,
                    "The image is " + width + "×" + height + " pixels; at most " + maxPixels + " pixels are accepted");
        }
    }

    public static final class CorruptImage extends Refusal {
        CorruptImage() {
            super("corrupt_image", 422, "The image is truncated or corrupt and cannot be decoded");
        }
    }

    public static final class InvalidPurpose extends Refusal {
        InvalidPurpose() {
            super("invalid_purpose", 400, "purpose is \"avatar\" or \"chat\"");
        }
    }

    public static final class MissingFile extends Refusal {
        MissingFile() {
            super("missing_file", 400, "The upload needs a part named \"file\" holding the image");
        }
    }

    /** Also the answer when the image exists but the caller may not read it, so its existence is not revealed. */
    public static final class UnknownMedia extends Refusal {
        UnknownMedia() {
            super("unknown_media", 404, "No such image");
        }
    }

    public static final class TooManyIds extends Refusal {
        TooManyIds(int max) {
            super("too_many_ids", 400, "Ask for at most " + max + " images at once");
        }
    }

    public static final class InvalidSignature extends Refusal {
        InvalidSignature() {
            super("invalid_signature", 403, "The link's signature is missing or wrong");
        }
    }

    public static final class ExpiredLink extends Refusal {
        ExpiredLink() {
            super("expired_link", 403, "The link has expired; ask for the image again to get a fresh one");
        }
    }
}
