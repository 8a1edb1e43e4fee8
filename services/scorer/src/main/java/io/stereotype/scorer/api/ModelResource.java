package io.stereotype.scorer.api;

import io.stereotype.scorer.model.ModelHolder;
import io.stereotype.scorer.model.ModelReloader;
import io.stereotype.scorer.model.ReloadReport;
import io.stereotype.scorer.model.ReloadTrigger;
import io.stereotype.scorer.model.RetryTooSoonException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The serving model's status, and reloading on demand: for operators, behind the admin key. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@AdminKeyRequired
@Tag(name = "model")
public class ModelResource {
    private final ModelHolder models;
    private final ModelReloader reloader;

    public ModelResource(ModelHolder models, ModelReloader reloader) {
        this.models = models;
        this.reloader = reloader;
    }

    @GET
    @Path("/model")
    @Operation(summary = "The serving model, its in-flight requests, and the last reload and reload error (header X-Admin-Key)")
    public ModelStatus status() {
        ModelStatus.Serving serving = models.current()
                .map(model -> new ModelStatus.Serving(model.identity(), model.loadedAt(), model.inFlight()))
                .orElse(null);
        return new ModelStatus(reloader.reference(), serving, models.drainingCount(),
                reloader.lastReport().orElse(null), reloader.lastFailure().orElse(null));
    }

    @POST
    @Path("/reload")
    @Operation(summary = "Check the model reference now and load what it points to (header X-Admin-Key required)",
            description = "Also retries a version that failed before, at most once per stereotype.reload-retry-interval (429 sooner)."
                    + " 200 when loaded or unchanged, 502 when it failed (the previous model keeps serving)")
    public Response reload() {
        ReloadReport report;
        try {
            report = reloader.reload(ReloadTrigger.REQUEST);
        } catch (RetryTooSoonException e) {
            return ErrorResponses.of(ApiException.tooSoon(e.getMessage(), e.retryAfter()));
        }
        Status status = report.outcome() == ReloadReport.Outcome.FAILED ? Status.BAD_GATEWAY : Status.OK;
        return Response.status(status).entity(report).build();
    }
}
