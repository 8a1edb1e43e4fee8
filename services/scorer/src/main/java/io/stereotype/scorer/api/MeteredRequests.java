package io.stereotype.scorer.api;

import io.stereotype.scorer.metrics.ScorerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.function.Supplier;

/** Runs a scoring request, turns any refusal or failure into its JSON error, and records its latency and outcome. */
@ApplicationScoped
public class MeteredRequests {
    private final ScorerMetrics metrics;

    public MeteredRequests(ScorerMetrics metrics) {
        this.metrics = metrics;
    }

    Response handle(String endpoint, long receivedNanos, Supplier<Response> request) {
        Response response;
        try {
            response = request.get();
        } catch (RuntimeException e) {
            response = ErrorResponses.of(e);
        }
        metrics.recordRequest(endpoint, outcome(response.getStatus()), Duration.ofNanos(System.nanoTime() - receivedNanos));
        return response;
    }

    private static String outcome(int status) {
        if (status < 400) {
            return "success";
        }
        if (status == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            return "rejected";
        }
        return status < 500 ? "client_error" : "server_error";
    }
}
