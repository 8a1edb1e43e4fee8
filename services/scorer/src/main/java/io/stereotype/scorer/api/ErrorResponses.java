package io.stereotype.scorer.api;

import io.stereotype.scorer.image.ImageRejectedException;
import io.stereotype.scorer.model.ModelNotReadyException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Turns a refused or failed request into a JSON error response ({@link ErrorBody}). */
final class ErrorResponses {
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);
    /** Loading a model takes seconds; asking again sooner only adds load. */
    private static final Duration NOT_READY_RETRY = Duration.ofSeconds(5);
    private static final int UNPROCESSABLE_CONTENT = 422;

    private ErrorResponses() {
    }

    static Response of(RuntimeException e) {
        return switch (e) {
            case ApiException refused -> json(refused.status().getStatusCode(), refused.getMessage(), refused.retryAfter());
            case ImageRejectedException rejected -> json(statusOf(rejected.reason()), rejected.getMessage(), null);
            case ModelNotReadyException notReady -> json(Status.SERVICE_UNAVAILABLE.getStatusCode(), notReady.getMessage(), NOT_READY_RETRY);
            default -> {
                LOG.error("request failed", e);
                yield json(Status.INTERNAL_SERVER_ERROR.getStatusCode(), "internal error while scoring; the service log has the details", null);
            }
        };
    }

    /** An HTTP status code: 422 has no {@link Status} constant ({@code Status.fromStatusCode(422)} is null). */
    static int statusOf(ImageRejectedException.Reason reason) {
        return switch (reason) {
            case MALFORMED -> Status.BAD_REQUEST.getStatusCode();
            case TOO_LARGE -> Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode();
            case UNSUPPORTED_FORMAT -> Status.UNSUPPORTED_MEDIA_TYPE.getStatusCode();
            case UNSCORABLE -> UNPROCESSABLE_CONTENT;
        };
    }

    private static Response json(int status, String message, Duration retryAfter) {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status, message));
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        return response.build();
    }
}
