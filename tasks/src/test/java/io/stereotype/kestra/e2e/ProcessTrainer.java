package io.stereotype.kestra.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereotype.mlops.testing.EmbeddedS3;
import io.stereotype.mlops.testing.MlflowServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;

/**
 * The one switch the end-to-end tests flip on the production flows, through their inputs only: every step runs as a
 * process of the Kestra worker ({@code runner: PROCESS}) with the trainer this build packaged
 * ({@code trainerCommand}), talking to the tests' MLflow and S3 servers ({@code trainerEnv}: their addresses only; the
 * S3 credentials are Kestra secrets, set by tasks/pom.xml as {@code SECRET_*} variables).
 */
final class ProcessTrainer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MlflowServer mlflow;

    ProcessTrainer(MlflowServer mlflow) {
        this.mlflow = mlflow;
    }

    /** The flow's inputs plus the switch. */
    Map<String, Object> inputs(Map<String, Object> flowInputs) {
        Map<String, Object> inputs = new HashMap<>(flowInputs);
        inputs.put("runner", "PROCESS");
        inputs.put("trainerCommand", command());
        inputs.put("trainerEnv", environment());
        return inputs;
    }

    /**
     * The packaged trainer started by this JVM's own java: the trainer needs Java 25, and a bare {@code java} would
     * be whatever the PATH holds.
     */
    static List<String> command() {
        String jar = System.getProperty("stereotype.trainer.jar");
        assertThat("system property stereotype.trainer.jar, set by tasks/pom.xml", jar != null);
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the trainer is not built at " + jar
                + ": run `mvn -B -q -pl core,mlops,services/trainer -am install -DskipTests` first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar);
    }

    /** The addresses of MLflow and S3, as the JSON text a webhook or the API would send; no credentials. */
    private String environment() {
        EmbeddedS3 s3 = mlflow.s3();
        Map<String, String> env = Map.of(
            "MLFLOW_TRACKING_URI", mlflow.trackingUri().toString(),
            "AWS_ENDPOINT_URL_S3", s3.endpoint(),
            "AWS_REGION", s3.settings().region(),
            // downloads from S3 stay inside the build, not in the developer's ~/.cache
            "STEREOTYPE_CACHE_DIR", Path.of("target", "trainer-cache").toAbsolutePath().toString());
        try {
            return JSON.writeValueAsString(env);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
