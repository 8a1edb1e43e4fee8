package io.stereotype.scorer.api;

import io.stereotype.scorer.config.ScorerConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Requests the REST layer cannot even parse (a content type without a subtype, a multipart body
 * without its end, more form parts than the parser takes) fail below the resource methods, where
 * Quarkus would answer 500 with its own body and an ERROR stack trace. This failure handler, ahead
 * of Quarkus's, answers them with the service's JSON 4xx and logs them at DEBUG; any other failure
 * goes on to Quarkus's handler (a real server error).
 */
@ApplicationScoped
public class MalformedRequests {
    private static final Logger LOG = Logger.getLogger(MalformedRequests.class);
    /** The multipart parser's fixed limit on form parts (RESTEasy Reactive's FormData). */
    static final int PART_LIMIT = 1000;

    void install(@Observes Router router, ScorerConfig config) {
        router.route().order(Integer.MIN_VALUE).failureHandler(request -> handle(request, config.maxBatchImages()));
    }

    private static void handle(RoutingContext request, int maxBatchImages) {
        Optional<ApiException> refusal = classify(request, maxBatchImages);
        if (refusal.isEmpty()) {
            request.next();
            return;
        }
        LOG.debugf(request.failure(), "%s %s refused: %s", request.request().method(), request.normalizedPath(), refusal.get().getMessage());
        VertxErrors.write(request, refusal.get().status(), refusal.get().getMessage());
    }

    private static Optional<ApiException> classify(RoutingContext request, int maxBatchImages) {
        Throwable failure = request.failure();
        String message = failure == null || failure.getMessage() == null ? "" : failure.getMessage();
        String contentType = request.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (failure instanceof IllegalArgumentException && message.startsWith("Failed to parse media type")) {
            return Optional.of(new ApiException(Status.UNSUPPORTED_MEDIA_TYPE, "content type '" + contentType
                    + "' is malformed: give a type and subtype, e.g. image/png or multipart/form-data"));
        }
        if (message.startsWith("Param limit of")) {
            return Optional.of(new ApiException(Status.REQUEST_ENTITY_TOO_LARGE, "the multipart form has more than " + PART_LIMIT
                    + " parts; a batch takes at most " + maxBatchImages + " images"));
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/") && isParseFailure(failure)) {
            return Optional.of(new ApiException(Status.BAD_REQUEST, "the multipart body is malformed (" + describe(failure)
                    + "): each part needs its headers and the body must end with the closing boundary"));
        }
        return Optional.empty();
    }

    /**
     * What the multipart parser throws for a body it cannot read (an IOException "Connection
     * terminated parsing multipart request" for a body without its closing boundary).
     */
    private static boolean isParseFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (cause instanceof IOException && message.contains("multipart") || cause.getClass().getName().contains("Multipart")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        return failure == null ? "incomplete" : failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
