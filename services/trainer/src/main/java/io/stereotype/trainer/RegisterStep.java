package io.stereotype.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.core.io.Json;
import io.stereotype.mlops.storage.ArtifactNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Step {@code register}: registers the bundle as a model version if its report passes the gate. */
@ApplicationScoped
public class RegisterStep {
    private static final Logger LOG = Logger.getLogger(RegisterStep.class);
    private final Services services;

    public RegisterStep(Services services) {
        this.services = services;
    }

    /**
     * A registered version ({@code version}, {@code source}: the bundle's copy, {@code versionSource}: the MLflow
     * Model) or a refusal ({@code reason} set).
     */
    public record Result(boolean registered, String name, Integer version, URI source, String versionSource,
                         String reason) implements StepResult {
        static Result refused(String name, String reason) {
            return new Result(false, name, null, null, null, reason);
        }

        @Override
        public OutputLine toOutputLine() {
            return new OutputLine().output("registered", registered).output("name", name).output("version", version)
                    .output("source", source == null ? null : source.toString()).output("versionSource", versionSource)
                    .output("reason", reason);
        }
    }

    /**
     * Registers the bundle as a model version if the report passes the gate ({@link RegisteredVersions}): an MLflow
     * Model in the run's artifacts, its bundle served to the services from the copy under {@code modelsRoot}, not
     * from {@code model}: that one lives in the retrain's folder, which may be expired.
     */
    public Result run(URI model, URI report, String name, Gate gate, String runId, ModelsRoot modelsRoot) {
        JsonNode metrics = readReport(report);
        Optional<String> failure = gate.check(metrics);
        if (failure.isPresent()) {
            LOG.warnf("not registering %s: %s", name, failure.get());
            return Result.refused(name, failure.get());
        }
        RegisteredVersion registered = new RegisteredVersions(services).register(model, name, runId, modelsRoot, metrics);
        return new Result(true, name, registered.version().version(), registered.bundle(), registered.version().source(), null);
    }

    private JsonNode readReport(URI report) {
        try {
            return Json.MAPPER.readTree(services.store(report).readText(report));
        } catch (ArtifactNotFoundException e) {
            throw new ExitCodes.UsageException("report " + report + " not found: run evaluate first");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ExitCodes.BadDataException("report " + report + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
