package io.stereotype.scorer.api;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The errors the REST layer raises before a resource method runs (no such path, method not
 * allowed, a body it cannot read) as the service's JSON error body, not Quarkus's own. They are the
 * client's mistakes: logged at DEBUG, never as errors.
 */
public class FrameworkErrors {
    private static final Logger LOG = Logger.getLogger(FrameworkErrors.class);

    @ServerExceptionMapper
    public Response refused(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        LOG.debugf("%s: %s", uri.getPath(), e);
        String message = switch (e) {
            case NotAllowedException notAllowed -> "method not allowed on " + uri.getPath();
            default -> status == 404 ? "no endpoint at " + uri.getPath() : describe(e, status);
        };
        Response json = ErrorResponses.of(new ApiException(Response.Status.fromStatusCode(status) == null
                ? Response.Status.BAD_REQUEST : Response.Status.fromStatusCode(status), message));
        return json;
    }

    private static String describe(WebApplicationException e, int status) {
        String reason = Response.Status.fromStatusCode(status) == null ? "refused" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? reason : e.getMessage();
    }
}
