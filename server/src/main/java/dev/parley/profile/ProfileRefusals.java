package dev.parley.profile;

import dev.parley.shared.Refusal;

/** What the profile feature refuses, each with its stable code. */
final class ProfileRefusals {

    private ProfileRefusals() {}

    static final class InvalidProfile extends Refusal {
        InvalidProfile(String why) {
            super("invalid_profile", 400, why);
        }
    }

    static final class UnknownAddCode extends Refusal {
        UnknownAddCode() {
            super("unknown_add_code", 404, "This add-friend code is unknown or was reset");
        }
    }

    static final class NoQrCode extends Refusal {
        NoQrCode() {
            super("no_qr_code", 422, "No QR code was found in the image");
        }
    }

    static final class UnreadableImage extends Refusal {
        UnreadableImage(String why) {
            super("unreadable_image", 422, why);
        }
    }

    static final class TooManyIds extends Refusal {
        TooManyIds(int max) {
            super("too_many_ids", 400, "Ask for at most " + max + " users at once");
        }
    }
}
