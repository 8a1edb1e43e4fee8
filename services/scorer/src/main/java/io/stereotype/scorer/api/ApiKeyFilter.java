package io.stereotype.scorer.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;

/** Refuses {@link ApiKeyRequired} requests without the right {@code X-API-Key} header, when a scoring key is configured. */
@Provider
@ApiKeyRequired
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {
    static final String HEADER = "X-API-Key";

    private final ApiKeyPolicy policy;

    public ApiKeyFilter(ApiKeyPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!policy.admitsScoring(request.getHeaderString(HEADER))) {
            request.abortWith(ErrorResponses.of(new ApiException(Status.UNAUTHORIZED, "missing or wrong " + HEADER + " header")));
        }
    }
}
