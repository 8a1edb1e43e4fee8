package io.stereotype.scorer.health;

import io.stereotype.scorer.model.ModelHolder;
import io.stereotype.scorer.model.ModelIdentity;
import io.stereotype.scorer.model.ModelReloader;
import io.stereotype.scorer.model.ReloadReport;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while a verified model is loaded; a failed reload of a newer version does not change that. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {
    private final ModelHolder models;
    private final ModelReloader reloader;

    public ModelReadinessCheck(ModelHolder models, ModelReloader reloader) {
        this.models = models;
        this.reloader = reloader;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("model").withData("reference", reloader.reference());
        models.current().ifPresentOrElse(model -> {
            ModelIdentity identity = model.identity();
            response.up().withData("name", identity.name()).withData("bundleHash", identity.bundleHash());
            if (identity.version() != null) {
                response.withData("version", identity.version());
            }
        }, () -> {
            response.down();
            reloader.lastFailure().map(ReloadReport::error).ifPresent(error -> response.withData("lastError", error));
        });
        return response.build();
    }
}
