package io.stereotype.scorer.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response.Status;

/** Writes the service's JSON error body from the Vert.x layer, where the REST error mapping does not reach. */
final class VertxErrors {
    private VertxErrors() {
    }

    static void write(RoutingContext request, Status status, String message) {
        if (request.response().ended()) {
            return;
        }
        request.response().setStatusCode(status.getStatusCode()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(new ErrorBody(status.getStatusCode(), message)));
    }
}
