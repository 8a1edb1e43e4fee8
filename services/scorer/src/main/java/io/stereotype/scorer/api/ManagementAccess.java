package io.stereotype.scorer.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.stereotype.scorer.config.ScorerConfig;
import io.stereotype.scorer.config.ScorerConfig.Access;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response.Status;

/**
 * Who may read the metrics and the API description ({@code stereotype.metrics-access},
 * {@code stereotype.openapi-access}): anyone, the holders of the admin key (as for
 * {@code /v1/model}), or nobody. Health stays open for probes. A Vert.x filter, because these
 * endpoints are not REST resources.
 */
@ApplicationScoped
public class ManagementAccess {
    private static final int PRIORITY = 100;

    void register(@Observes Filters filters, ScorerConfig config, ApiKeyPolicy policy) {
        filters.register(request -> filter(request, config, policy), PRIORITY);
    }

    private static void filter(RoutingContext request, ScorerConfig config, ApiKeyPolicy policy) {
        String path = request.normalizedPath();
        Access access = path.startsWith("/q/metrics") ? config.metricsAccess()
                : path.startsWith("/q/openapi") || path.startsWith("/q/swagger-ui") ? config.openapiAccess()
                : Access.OPEN;
        switch (access) {
            case OPEN -> request.next();
            case OFF -> refuse(request, Status.NOT_FOUND, "no endpoint at " + path);
            case ADMIN -> {
                if (policy.admitsAdmin(request.request().getHeader(AdminKeyFilter.HEADER))) {
                    request.next();
                } else {
                    refuse(request, Status.UNAUTHORIZED, policy.adminRefusal());
                }
            }
        }
    }

    private static void refuse(RoutingContext request, Status status, String message) {
        VertxErrors.write(request, status, message);
    }
}
