package io.stereotype.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.GetObjectArgs;
import io.minio.PutObjectArgs;
import io.stereotype.mlops.testing.EmbeddedS3;
import io.stereotype.mlops.testing.MlflowServer;
import io.stereotype.mlops.testing.MlflowServerExtension;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registered versions live under the models root, not in the retrain's folder: the folder can be deleted and every
 * version still scores; the same bundle is stored once; a models root that cannot hold versions fails the register step.
 */
@ExtendWith(MlflowServerExtension.class)
class RegisteredVersionsIT {
    @TempDir
    Path dir;

    @Test
    void versionsOutliveTheirRetrainFolder(MlflowServer mlflow, EmbeddedS3 s3) throws Exception {
        String model = "kept-" + UUID.randomUUID();
        String bucket = s3.bucket("stereotype");
        String prefix = "versions-" + UUID.randomUUID();
        String models = "s3://" + bucket + "/" + prefix;
        Path retrain = dir.resolve("retrains/r1");
        TrainerProcess trainer = new TrainerProcess(dir.resolve("cache"))
                .withServices(mlflow.trackingUri().toString(), s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
        MlflowQueries q = new MlflowQueries(mlflow.trackingUri());
        TrainerProcess.Result pipeline = trainer.run(TinyData.with(new String[] {"pipeline", "--data",
                TinyData.dataset(dir).toString(), "--out", retrain.toString(), "--experiment", "versions-it"}, TinyData.FAST));
        assertEquals(0, pipeline.exitCode(), pipeline.toString());
        String hash = pipeline.output("bundleHash");
        String bundle = retrain.resolve("bundle").toString();
        String report = retrain.resolve("report.json").toString();
        String parent = pipeline.output("parentRunId");

        // models roots that cannot hold versions are usage errors naming them, and register nothing: a local folder
        // (the default beside a local retrain folder; MLflow refuses local sources) and a bucket that does not exist
        TrainerProcess.Result local = trainer.run("register", "--model", bundle, "--report", report, "--name", model,
                "--run-id", parent);
        assertEquals(ExitCodes.USAGE, local.exitCode(), local.toString());
        assertTrue(local.stderr().contains("models root " + dir.resolve("models").toUri() + " is a local folder"), local.stderr());
        TrainerProcess.Result missing = trainer.run("register", "--model", bundle, "--report", report, "--name", model,
                "--run-id", parent, "--models-root", "s3://no-such-bucket/models");
        assertEquals(ExitCodes.USAGE, missing.exitCode(), missing.toString());
        assertTrue(missing.stderr().contains("models root s3://no-such-bucket/models is not writable"), missing.stderr());
        assertTrue(q.versions(model).isEmpty());
        assertFalse(Files.exists(dir.resolve("models")));

        // the version's bundle is the copy named by its content hash
        TrainerProcess.Result first = trainer.run("register", "--model", bundle, "--report", report, "--name", model,
                "--run-id", parent, "--models-root", models);
        assertEquals(0, first.exitCode(), first.toString());
        String home = prefix + "/" + model + "/" + hash;
        assertEquals("s3://" + bucket + "/" + home, first.output("source"));
        assertEquals(first.output("source"), q.versionTag(q.versions(model).get(0), "stereotype.bundle"));

        // the same bundle from another run: a new version, the same folder, nothing else under the model
        TrainerProcess.Result second = trainer.run("register", "--model", bundle, "--report", report, "--name", model,
                "--run-id", pipeline.output("runId"), "--models-root", models);
        assertEquals("2", second.output("version"), second.toString());
        assertEquals(first.output("source"), second.output("source"));
        List<String> keys = s3.keys(bucket, prefix + "/");
        assertTrue(keys.stream().allMatch(key -> key.startsWith(home + "/")), keys.toString());
        assertTrue(keys.contains(home + "/manifest.json"), keys.toString());

        // a copy damaged by hand is replaced on the next registration, not trusted
        byte[] description = Files.readAllBytes(retrain.resolve("bundle/model.json"));
        s3.client().putObject(PutObjectArgs.builder().bucket(bucket).object(home + "/model.json")
                .stream(new ByteArrayInputStream(new byte[0]), 0L, -1L).build());
        TrainerProcess.Result repaired = trainer.run("register", "--model", bundle, "--report", report, "--name", model,
                "--run-id", parent, "--models-root", models);
        assertEquals("1", repaired.output("version"), repaired.toString());
        try (var restored = s3.client().getObject(GetObjectArgs.builder().bucket(bucket).object(home + "/model.json").build())) {
            assertArrayEquals(description, restored.readAllBytes());
        }
        assertEquals(0, trainer.run("promote", "--name", model, "--version", "1").exitCode());

        // the retrain's folder expires: both versions still score, in a fresh cache
        deleteTree(retrain);
        Path images = TinyData.dataset(dir).resolve("test/scratch");
        TrainerProcess fresh = new TrainerProcess(dir.resolve("cache-after-expiry"))
                .withServices(mlflow.trackingUri().toString(), s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
        for (String reference : List.of("models:/" + model + "@production", "models:/" + model + "/2")) {
            TrainerProcess.Result score = fresh.run("score", "--model", reference, "--image", images.toString(), "--out",
                    dir.resolve("scores-" + reference.replaceAll("\\W", "-")).toString());
            assertEquals(0, score.exitCode(), score.toString());
            assertEquals("2", score.output("images"));
        }
        // the production model re-evaluated on a data set, by its registry name
        TrainerProcess.Result evaluation = fresh.run("evaluate", "--model", "models:/" + model + "@production", "--data",
                TinyData.dataset(dir).toString(), "--out", dir.resolve("report-production").toString(), "--experiment", "reeval");
        assertEquals(0, evaluation.exitCode(), evaluation.toString());
        assertTrue(Files.isRegularFile(dir.resolve("report-production/report.json")));
        TrainerProcess.Result unknown = fresh.run("score", "--model", "models:/" + model + "/9", "--image", images.toString(),
                "--out", dir.resolve("scores-unknown").toString());
        assertEquals(ExitCodes.BAD_DATA, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.stderr().contains("models:/" + model + "/9"), unknown.stderr());
    }

    @Test
    void aPipelineThatCouldNotRegisterFailsBeforeTraining() throws Exception {
        Path out = dir.resolve("retrains/local");
        TrainerProcess.Result result = new TrainerProcess(dir.resolve("cache")).run(TinyData.with(new String[] {"pipeline",
                "--data", TinyData.dataset(dir).toString(), "--out", out.toString(), "--name", "local"}, TinyData.FAST));
        assertEquals(ExitCodes.USAGE, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("models root " + dir.resolve("models").toUri() + " is a local folder"), result.stderr());
        assertFalse(Files.exists(out.resolve("work")), "failed before training");
    }

    private static void deleteTree(Path folder) throws Exception {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
        assertFalse(Files.exists(folder));
    }
}
