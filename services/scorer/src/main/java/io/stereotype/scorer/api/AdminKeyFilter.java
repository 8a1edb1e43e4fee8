package io.stereotype.scorer.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses {@link AdminKeyRequired} requests that {@link ApiKeyPolicy#admitsAdmin} refuses. A POST
 * must carry the {@code X-Admin-Key} header even when no admin key is configured (any value then):
 * a browser sends a custom header cross-site only after a CORS preflight, which this service does
 * not answer, so a web page cannot make a visitor's browser reload the model with a plain form.
 */
@Provider
@AdminKeyRequired
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {
    static final String HEADER = "X-Admin-Key";

    private final ApiKeyPolicy policy;

    public AdminKeyFilter(ApiKeyPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String presented = request.getHeaderString(HEADER);
        if (!policy.admitsAdmin(presented)) {
            request.abortWith(ErrorResponses.of(new ApiException(Status.UNAUTHORIZED, policy.adminRefusal())));
        } else if (presented == null && HttpMethod.POST.equals(request.getMethod())) {
            request.abortWith(ErrorResponses.of(new ApiException(Status.FORBIDDEN, request.getUriInfo().getPath()
                    + " needs the " + HEADER + " header (any value while no admin key is configured), so that a cross-site"
                    + " form cannot trigger it")));
        }
    }
}
