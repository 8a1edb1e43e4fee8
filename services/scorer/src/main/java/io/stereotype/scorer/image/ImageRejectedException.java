package io.stereotype.scorer.image;

/** An upload that cannot be scored, and why; the message names the image and the problem. */
public final class ImageRejectedException extends RuntimeException {

    public enum Reason {
        /** empty, not an image, corrupt or truncated */
        MALFORMED,
        /** more bytes or pixels than the limits allow */
        TOO_LARGE,
        /** an image, but neither PNG nor JPEG */
        UNSUPPORTED_FORMAT,
        /** a valid image the model cannot take (e.g. smaller than its patch) */
        UNSCORABLE
    }

    private final Reason reason;

    public ImageRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
