package io.stereotype.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minio.RemoveObjectArgs;
import io.stereotype.mlops.testing.EmbeddedS3;
import io.stereotype.mlops.testing.MlflowServer;
import io.stereotype.mlops.testing.MlflowServerExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged trainer against a real MLflow server and a real S3 server: the whole pipeline in one
 * process, then register and promote as separate commands.
 */
@ExtendWith(MlflowServerExtension.class)
class PipelineIT {
    @TempDir
    Path dir;

    @Test
    void pipelineTracksEveryNetworkStoresArtifactsAndRegisters(MlflowServer mlflow, EmbeddedS3 s3) throws Exception {
        String bucket = s3.bucket("stereotype");
        String model = "tiny-" + UUID.randomUUID();
        String out = "s3://" + bucket + "/pipelines/" + model;
        TrainerProcess trainer = new TrainerProcess(dir.resolve("cache"))
                .withServices(mlflow.trackingUri().toString(), s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
        MlflowQueries q = new MlflowQueries(mlflow.trackingUri());

        TrainerProcess.Result pipeline = trainer.run(TinyData.with(new String[] {"pipeline", "--data",
                TinyData.dataset(dir).toString(), "--out", out, "--experiment", "pipeline-it", "--name", model}, TinyData.FAST));
        assertEquals(0, pipeline.exitCode(), pipeline.toString());
        assertEquals("true", pipeline.output("registered"));
        assertEquals("1", pipeline.output("version"));
        String parent = pipeline.output("parentRunId");

        // one child run per network and one for the evaluation, all under the parent
        Map<String, JsonNode> children = q.children(parent);
        assertEquals(Set.of("doctor", "master-1", "master-2", "bachelor-1-1", "bachelor-2-1", "evaluation"), children.keySet());
        JsonNode master2 = children.get("master-2");
        assertEquals("FINISHED", master2.path("info").path("status").asText());
        assertEquals("2", q.param(master2, "masters"));
        assertEquals("32", q.param(master2, "patchSize"));
        assertEquals("master", q.tag(master2, "role"));
        // the default doctor is the pretrained one: its kind and weights are on every run that uses them
        assertEquals("pretrained", q.param(master2, "doctor"));
        assertEquals(io.stereotype.core.pretrained.PretrainedDoctor.sha256(Path.of(System.getProperty("stereotype.data"),
                "weights/efficientnet-lite0.pth")), q.tag(master2, "doctor_weights_sha256"));
        assertEquals("2", q.tag(master2, "master"));
        assertEquals(pipeline.output("datasetHash"), q.tag(master2, "dataset_hash"));
        JsonNode loss = q.metricHistory(master2.path("info").path("run_id").asText(), "loss");
        assertEquals(1, loss.size(), "one epoch, one loss value");
        assertEquals(1, loss.get(0).path("step").asInt());
        assertFalse(q.metricHistory(master2.path("info").path("run_id").asText(), "loss_compactness").isEmpty());
        assertEquals(1, q.metricHistory(master2.path("info").path("run_id").asText(), "positions_per_second").size());
        // the training-health verdict: a tag, and a metric that agrees with it
        String health = q.tag(master2, "training_health");
        assertTrue(Set.of("ok", "stalled").contains(health), health);
        assertEquals(health.equals("stalled") ? 1.0 : 0.0,
                q.metricHistory(master2.path("info").path("run_id").asText(), "stalled").get(0).path("value").asDouble());
        assertFalse(q.artifacts(master2.path("info").path("run_id").asText(), "network").isEmpty(), "SavedModel uploaded");
        JsonNode evaluation = children.get("evaluation");
        assertTrue(evaluation.path("data").path("metrics").toString().contains("image_auroc"));
        List<String> reports = names(q.artifacts(evaluation.path("info").path("run_id").asText(), "report"));
        assertEquals(List.of("report/report.html", "report/report.json"), reports);

        // the outputs are in the bucket, the bundle complete
        List<String> keys = s3.keys(bucket, "pipelines/" + model + "/");
        assertTrue(keys.contains("pipelines/" + model + "/bundle/manifest.json"), keys.toString());
        assertTrue(keys.contains("pipelines/" + model + "/report.json"));
        assertTrue(keys.contains("pipelines/" + model + "/report.html"));
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("pipelines/" + model + "/work/bachelor-2-1/model/variables/")));

        // the retrain is over: its parent run ended FINISHED
        assertEquals("FINISHED", q.run(parent).path("info").path("status").asText());

        // the registered version is the MLflow Model among the parent run's artifacts; it names the bundle's copy
        // under the default models root (beside the folder of the retrain folders, here s3://bucket/pipelines), which
        // the services load, and carries the metrics
        JsonNode version = q.versions(model).get(0);
        String source = "s3://" + bucket + "/models/" + model + "/" + pipeline.output("bundleHash");
        assertEquals(q.run(parent).path("info").path("artifact_uri").asText() + "/model", version.path("source").asText());
        assertEquals(version.path("source").asText(), pipeline.output("versionSource"));
        assertEquals(source, q.versionTag(version, "stereotype.bundle"));
        assertEquals(source, pipeline.output("source"));
        assertEquals(List.of("model/MLmodel", "model/bundle"), names(q.artifacts(parent, "model")));
        assertTrue(s3.keys(bucket, "models/" + model + "/").contains("models/" + model + "/" + pipeline.output("bundleHash")
                + "/manifest.json"));
        assertEquals(parent, version.path("run_id").asText());
        assertTrue(version.path("tags").toString().contains("image_auroc"));

        // registering again for the same run creates nothing new; for another run, version 2
        String report = out + "/report.json";
        TrainerProcess.Result again = trainer.run("register", "--model", out + "/bundle", "--report", report, "--name", model,
                "--run-id", parent);
        assertEquals("1", again.output("version"), again.toString());
        TrainerProcess.Result second = trainer.run("register", "--model", out + "/bundle", "--report", report, "--name", model,
                "--run-id", pipeline.output("runId"));
        assertEquals("2", second.output("version"), second.toString());
        assertEquals(source, second.output("source"), "the same bundle reuses its folder");

        // promote, promote again, roll back
        TrainerProcess.Result first = trainer.run("promote", "--name", model, "--version", "1");
        assertEquals(0, first.exitCode(), first.toString());
        assertFalse(first.outputs().has("previousVersion"), "nobody held production before");
        assertEquals("1", q.aliasVersion(model, "production"));
        TrainerProcess.Result toTwo = trainer.run("promote", "--name", model, "--version", "2");
        assertEquals("1", toTwo.output("previousVersion"));
        assertEquals("2", q.aliasVersion(model, "production"));
        assertTrue(toTwo.stdout().contains("roll back: promote --name " + model + " --version 1"), toTwo.stdout());
        TrainerProcess.Result rollback = trainer.run("promote", "--name", model, "--version", "1");
        assertEquals("2", rollback.output("previousVersion"));
        assertEquals("1", q.aliasVersion(model, "production"));

        // the retrain's folder expires; the versions still load from the models root
        deletePrefix(s3, bucket, "pipelines/" + model + "/");
        assertTrue(s3.keys(bucket, "pipelines/" + model + "/").isEmpty());
        Path images = TinyData.dataset(dir).resolve("test/scratch");
        TrainerProcess fresh = new TrainerProcess(dir.resolve("cache-after-expiry"))
                .withServices(mlflow.trackingUri().toString(), s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
        for (String reference : List.of("models:/" + model + "@production", "models:/" + model + "/2")) {
            TrainerProcess.Result score = fresh.run("score", "--model", reference, "--image", images.toString(),
                    "--out", dir.resolve("scores-" + reference.replaceAll("\\W", "-")).toString());
            assertEquals(0, score.exitCode(), score.toString());
            assertEquals("2", score.output("images"));
        }
    }

    /** Removes every object under a prefix, as an S3 lifecycle rule expiring old retrain folders would. */
    private static void deletePrefix(EmbeddedS3 s3, String bucket, String prefix) throws Exception {
        for (String key : s3.keys(bucket, prefix)) {
            s3.client().removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        }
    }

    @Test
    void impossibleGateDoesNotRegister(MlflowServer mlflow, EmbeddedS3 s3) throws Exception {
        String model = "gated-" + UUID.randomUUID();
        Path out = dir.resolve("gated");
        TrainerProcess trainer = new TrainerProcess(dir.resolve("cache"))
                .withServices(mlflow.trackingUri().toString(), s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
        String bucket = s3.bucket("stereotype");
        String models = "gated-" + UUID.randomUUID();
        TrainerProcess.Result result = trainer.run(TinyData.with(new String[] {"pipeline", "--data",
                TinyData.dataset(dir).toString(), "--out", out.toString(), "--name", model, "--min-image-auroc", "1.01",
                "--models-root", "s3://" + bucket + "/" + models}, TinyData.FAST));
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("false", result.output("registered"));
        assertTrue(result.output("reason").contains("image_auroc"), result.output("reason"));
        assertTrue(out.resolve("bundle/manifest.json").toFile().isFile(), "the bundle is still written");
        assertTrue(s3.keys(bucket, models + "/").isEmpty(), "nothing copied to the models root");
        // nothing registered under that name
        assertTrue(new MlflowQueries(mlflow.trackingUri()).versions(model).isEmpty());
    }

    private static List<String> names(JsonNode files) {
        return java.util.stream.StreamSupport.stream(files.spliterator(), false).map(f -> f.path("path").asText()).sorted().toList();
    }
}
