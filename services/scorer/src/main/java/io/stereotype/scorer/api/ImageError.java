package io.stereotype.scorer.api;

import io.stereotype.scorer.image.ImageRejectedException;

/** A batch image that was not scored: the HTTP status it would have had alone, and why. */
public record ImageError(String image, int status, String error) implements BatchItem {
    static ImageError of(String image, ImageRejectedException rejection) {
        return new ImageError(image, ErrorResponses.statusOf(rejection.reason()), rejection.getMessage());
    }
}
