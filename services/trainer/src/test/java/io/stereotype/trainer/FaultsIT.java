package io.stereotype.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.io.Folders;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.storage.S3ArtifactStore;
import io.stereotype.mlops.testing.EmbeddedS3;
import io.stereotype.mlops.testing.MlflowServer;
import io.stereotype.mlops.testing.MlflowServerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Failures end with one clear message, the documented exit code, and nothing half-written. */
@ExtendWith(MlflowServerExtension.class)
class FaultsIT {
    @TempDir
    Path dir;

    @Test
    void unreachableS3IsExitCodeFourNamingTheEndpoint() throws Exception {
        String closed = "http://127.0.0.1:" + closedPort();
        TrainerProcess.Result result = new TrainerProcess(dir.resolve("cache")).env("AWS_ENDPOINT_URL_S3", closed)
                .env("AWS_ACCESS_KEY_ID", "k").env("AWS_SECRET_ACCESS_KEY", "s")
                .run(TinyData.with(new String[] {"prep", "--data", TinyData.dataset(dir).toString(), "--work", "s3://stereotype/w"},
                        TinyData.FAST));
        assertEquals(ExitCodes.UNAVAILABLE, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("S3 endpoint " + closed + " unreachable after 2 attempts"), result.stderr());
        assertFalse(result.stderr().contains("\"s\""), "no secret in the message");
    }

    @Test
    void mlflowDownBetweenStepsIsExitCodeFourAndPublishesNothing(MlflowServer mlflow, EmbeddedS3 s3) throws Exception {
        Path work = dir.resolve("work");
        TrainerProcess up = new TrainerProcess(dir.resolve("cache"))
                .withServices(mlflow.trackingUri().toString(), s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
        assertEquals(0, up.run(TinyData.with(new String[] {"prep", "--data", TinyData.dataset(dir).toString(), "--work",
                work.toString()}, TinyData.FAST)).exitCode());
        String down = "http://127.0.0.1:" + closedPort();
        TrainerProcess.Result doctor = new TrainerProcess(dir.resolve("cache")).env("MLFLOW_TRACKING_URI", down)
                .run("train-doctor", "--work", work.toString());
        assertEquals(ExitCodes.UNAVAILABLE, doctor.exitCode(), doctor.toString());
        assertTrue(doctor.stderr().contains("MLflow") && doctor.stderr().contains(down), doctor.stderr());
        assertFalse(Files.exists(work.resolve("doctor")), "no doctor published");
    }

    @Test
    void missingDataSetIsExitCodeThree() throws Exception {
        Path missing = dir.resolve("no-such-data");
        TrainerProcess.Result result = new TrainerProcess(dir.resolve("cache"))
                .run("pipeline", "--data", missing.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.BAD_DATA, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("data set file://" + missing) && result.stderr().contains("does not exist"), result.stderr());
        assertFalse(Files.exists(dir.resolve("out/bundle")));
    }

    @Test
    void aDataSetChangedSincePrepIsExitCodeThree() throws Exception {
        Path data = dir.resolve("changing");
        io.stereotype.core.io.Folders.copyRecursively(TinyData.dataset(dir), data);
        Path work = dir.resolve("w-changing");
        TrainerProcess trainer = new TrainerProcess(dir.resolve("cache"));
        assertEquals(0, trainer.run(TinyData.with(new String[] {"prep", "--data", data.toString(), "--work", work.toString()},
                TinyData.FAST)).exitCode());
        Files.delete(data.resolve("train/good/003.png"));
        TrainerProcess.Result doctor = trainer.run("train-doctor", "--work", work.toString());
        assertEquals(ExitCodes.BAD_DATA, doctor.exitCode(), doctor.toString());
        assertTrue(doctor.stderr().contains("data set " + data.toUri() + " changed since prep: it has 11 training images,"
                + " prep saw 12; start a new retrain on it"), doctor.stderr());
        assertFalse(Files.exists(work.resolve("doctor")));
    }

    @Test
    void brokenImagesAreAllReportedBeforeTraining() throws Exception {
        Path broken = dir.resolve("broken");
        io.stereotype.core.io.Folders.copyRecursively(TinyData.dataset(dir), broken);
        Files.write(broken.resolve("train/good/000.png"), new byte[0]);
        Files.writeString(broken.resolve("test/good/001.png"), "not a png");
        TrainerProcess.Result result = new TrainerProcess(dir.resolve("cache")).run(TinyData.with(new String[] {"prep",
                "--data", broken.toString(), "--work", dir.resolve("w-broken").toString()}, TinyData.FAST));
        assertEquals(ExitCodes.BAD_DATA, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("000.png") && result.stderr().contains("001.png"), result.stderr());
        assertFalse(Files.exists(dir.resolve("w-broken/prep.json")));
    }

    @Test
    void unusableDoctorDataIsExitCodeThreeBeforeTraining() throws Exception {
        Path oneClass = dir.resolve("one-class");
        Folders.copyRecursively(TinyData.labelled(dir).resolve("wood"), oneClass.resolve("wood"));
        TrainerProcess trainer = new TrainerProcess(dir.resolve("cache"));
        TrainerProcess.Result result = trainer.run(TinyData.with(new String[] {"prep", "--data", TinyData.dataset(dir).toString(),
                "--doctor-data", oneClass.toString(), "--work", dir.resolve("w-one-class").toString()}, TinyData.FAST));
        assertEquals(ExitCodes.BAD_DATA, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("--doctor-data file://" + oneClass) && result.stderr().contains(oneClass
                + ": 1 class folder [wood]; a labelled data set needs at least 2"), result.stderr());
        assertFalse(Files.exists(dir.resolve("w-one-class/prep.json")));

        // grey classes cannot teach students of RGB images
        Path grey = dir.resolve("grey");
        for (String kind : new String[] {"a", "b"}) {
            for (int i = 0; i < 2; i++) {
                ImageFiles.writePng(FloatImage.zeros(64, 64, 1), grey.resolve(kind).resolve(i + ".png"));
            }
        }
        TrainerProcess.Result mismatch = trainer.run(TinyData.with(new String[] {"prep", "--data", TinyData.dataset(dir).toString(),
                "--doctor-data", grey.toString(), "--work", dir.resolve("w-grey").toString()}, TinyData.FAST));
        assertEquals(ExitCodes.BAD_DATA, mismatch.exitCode(), mismatch.toString());
        assertTrue(mismatch.stderr().contains("its images have 1 channel (grey), the normal training images 3 channels (RGB)"),
                mismatch.stderr());
    }

    @Test
    void missingPretrainedWeightsAreExitCodeTwoSayingHowToFetchThem() throws Exception {
        Path missing = dir.resolve("no-weights/efficientnet-lite0.pth");
        TrainerProcess trainer = new TrainerProcess(dir.resolve("cache")).env("STEREOTYPE_DOCTOR_WEIGHTS", missing.toString());
        for (String[] doctor : new String[][] {{}, {"--doctor", "pretrained"}}) {
            Path work = dir.resolve("w-no-weights" + doctor.length);
            TrainerProcess.Result result = trainer.run(TinyData.with(TinyData.with(new String[] {"prep", "--data",
                    TinyData.dataset(dir).toString(), "--work", work.toString()}, doctor), TinyData.FAST));
            assertEquals(ExitCodes.USAGE, result.exitCode(), result.toString());
            assertTrue(result.stderr().contains(missing + " does not exist: fetch them with scripts/fetch-data.sh --weights"),
                    result.stderr());
            assertTrue(result.stderr().contains("--doctor pretext trains the rotation-pretext doctor instead"), result.stderr());
            assertFalse(Files.exists(work.resolve("prep.json")), "no silent fallback to another doctor");
        }
        // the data folder's weights are found without any setting (scripts/test.sh fetched them there)
        TrainerProcess.Result found = new TrainerProcess(dir.resolve("cache")).run(TinyData.with(new String[] {"prep", "--data",
                TinyData.dataset(dir).toString(), "--work", dir.resolve("w-weights").toString()}, TinyData.FAST));
        assertEquals(0, found.exitCode(), found.toString());
        String prep = Files.readString(dir.resolve("w-weights/prep.json"));
        assertTrue(prep.matches("(?s).*\"doctor\"\\s*:\\s*\"PRETRAINED\".*"), prep);
    }

    @Test
    void doctorFlagsThatContradictEachOtherAreExitCodeTwo() throws Exception {
        TrainerProcess trainer = new TrainerProcess(dir.resolve("cache"));
        String data = TinyData.dataset(dir).toString();
        TrainerProcess.Result unknown = trainer.run("prep", "--data", data, "--work", dir.resolve("w1").toString(),
                "--doctor", "imagenet");
        assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.stderr().contains("--doctor must be pretrained, pretext or labelled, got imagenet"), unknown.stderr());
        TrainerProcess.Result labelled = trainer.run("prep", "--data", data, "--work", dir.resolve("w2").toString(),
                "--doctor", "labelled");
        assertEquals(ExitCodes.USAGE, labelled.exitCode(), labelled.toString());
        assertTrue(labelled.stderr().contains("--doctor labelled needs --doctor-data"), labelled.stderr());
    }

    @Test
    void badConfigValuesAreExitCodeTwoNamingTheField() throws Exception {
        TrainerProcess trainer = new TrainerProcess(dir.resolve("cache"));
        TrainerProcess.Result flag = trainer.run("prep", "--data", TinyData.dataset(dir).toString(), "--work",
                dir.resolve("w").toString(), "--patch-size", "48");
        assertEquals(ExitCodes.USAGE, flag.exitCode(), flag.toString());
        assertTrue(flag.stderr().contains("patchSize (32 or 64) = 48"), flag.stderr());
        TrainerProcess.Result env = new TrainerProcess(dir.resolve("cache")).env("STEREOTYPE_TRAINING_MASTERS", "many")
                .run("prep", "--data", TinyData.dataset(dir).toString(), "--work", dir.resolve("w").toString());
        assertEquals(ExitCodes.USAGE, env.exitCode(), env.toString());
        assertTrue(env.stderr().contains("masters = many"), env.stderr());
        TrainerProcess.Result unknown = trainer.run("prep", "--data", "x", "--work", "y", "--no-such-flag");
        assertEquals(ExitCodes.USAGE, unknown.exitCode());
        assertTrue(unknown.stderr().contains("Unknown option: '--no-such-flag'"), unknown.stderr());
        assertFalse(Files.exists(dir.resolve("w")));
    }

    @Test
    void unwritableOutputFailsBeforeTraining() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        TrainerProcess.Result result = new TrainerProcess(dir.resolve("cache")).run(TinyData.with(new String[] {"pipeline",
                "--data", TinyData.dataset(dir).toString(), "--out", file.resolve("out").toString()}, TinyData.FAST));
        assertEquals(ExitCodes.USAGE, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("is not writable"), result.stderr());
        assertFalse(result.stdout().contains("doctor epoch"), "failed before training");
    }

    @Test
    void aTrainedModelScoresFoldersAndSeedsANewDoctor() throws Exception {
        Path out = dir.resolve("model");
        TrainerProcess trainer = new TrainerProcess(dir.resolve("cache"));
        // a pretext doctor: a trained patch network that a later retrain's doctor can start from
        assertEquals(0, trainer.run(TinyData.with(new String[] {"pipeline", "--data", TinyData.dataset(dir).toString(),
                "--out", out.toString(), "--doctor", "pretext"}, TinyData.FAST)).exitCode());
        Path images = TinyData.dataset(dir).resolve("test/scratch");
        TrainerProcess.Result score = trainer.run("score", "--model", out.resolve("bundle").toString(), "--image",
                images.toString(), "--out", dir.resolve("scores").toString());
        assertEquals(0, score.exitCode(), score.toString());
        assertEquals("2", score.output("images"));
        assertTrue(Files.isRegularFile(dir.resolve("scores/scores.json")));
        try (var maps = Files.list(dir.resolve("scores/maps"))) {
            assertEquals(2, maps.count());
        }
        // a local run record instead of MLflow
        try (var runs = Files.list(out.resolve("runs"))) {
            assertTrue(runs.count() >= 6, "parent, five networks, evaluation");
        }
        TrainerProcess.Result corrupt = trainer.run("score", "--model", dir.resolve("nothing-" + UUID.randomUUID()).toString(),
                "--image", images.toString(), "--out", dir.resolve("s2").toString());
        assertEquals(ExitCodes.BAD_DATA, corrupt.exitCode(), corrupt.toString());
        assertTrue(corrupt.stderr().contains("does not exist"), corrupt.stderr());

        // without MLflow, an evaluation whose parent run is recorded elsewhere becomes a run of its own
        TrainerProcess.Result evaluation = trainer.run("evaluate", "--model", out.resolve("bundle").toString(), "--data",
                TinyData.dataset(dir).toString(), "--out", dir.resolve("evaluation").toString(), "--parent-run-id", "elsewhere");
        assertEquals(0, evaluation.exitCode(), evaluation.toString());
        assertTrue(Files.isRegularFile(dir.resolve("evaluation/report.html")));

        // a new retrain's doctor can start from the trained doctor's SavedModel
        Path work = dir.resolve("seeded");
        assertEquals(0, trainer.run(TinyData.with(new String[] {"prep", "--data", TinyData.dataset(dir).toString(), "--work",
                work.toString(), "--doctor", "pretext"}, TinyData.FAST)).exitCode());
        TrainerProcess.Result seeded = trainer.run("train-doctor", "--work", work.toString(), "--init",
                out.resolve("work/doctor/model").toString());
        assertEquals(0, seeded.exitCode(), seeded.toString());
        TrainerProcess.Result wrong = trainer.run("train-doctor", "--work", work.toString(), "--init", dir.resolve("nothing").toString());
        assertEquals(ExitCodes.BAD_DATA, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.stderr().contains("cannot start the doctor from"), wrong.stderr());

        // the pretrained doctor (the default) is not trained, so there is nothing to start from other weights
        Path pretrained = dir.resolve("seeded-pretrained");
        assertEquals(0, trainer.run(TinyData.with(new String[] {"prep", "--data", TinyData.dataset(dir).toString(), "--work",
                pretrained.toString()}, TinyData.FAST)).exitCode());
        TrainerProcess.Result refused = trainer.run("train-doctor", "--work", pretrained.toString(), "--init",
                out.resolve("work/doctor/model").toString());
        assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.toString());
        assertTrue(refused.stderr().contains("the pretrained one, which is not trained"), refused.stderr());
    }

    @Test
    void wrongS3SecretIsOneMessageAndExitCodeTwoWithoutStackTrace(EmbeddedS3 s3) throws Exception {
        String bucket = s3.bucket("faults");
        String[] prep = TinyData.with(new String[] {"prep", "--data", TinyData.dataset(dir).toString(), "--work",
                "s3://" + bucket + "/w-" + UUID.randomUUID()}, TinyData.FAST);
        TrainerProcess wrongSecret = new TrainerProcess(dir.resolve("cache"))
                .withServices("", s3.endpoint(), EmbeddedS3.ACCESS_KEY, "not-the-secret");

        TrainerProcess.Result result = wrongSecret.run(prep);

        assertEquals(ExitCodes.USAGE, result.exitCode(), result.toString());
        List<String> errors = result.stderr().lines().filter(line -> line.startsWith("error:")).toList();
        assertEquals(1, errors.size(), result.stderr());
        assertTrue(errors.getFirst().startsWith("error: prep failed: S3 at " + s3.endpoint() + " refused access (")
                && errors.getFirst().endsWith("): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and that this key may use the bucket"),
                errors.getFirst());
        assertFalse(result.stderr().contains("\tat ") || result.stderr().contains("Exception"), "no stack trace:\n" + result.stderr());
        assertFalse(result.stderr().contains("x-amz") || result.stderr().contains("Authorization"), "no HTTP dump:\n" + result.stderr());
        assertFalse(result.stderr().contains("not-the-secret"), "no secret in the output");

        TrainerProcess.Result verbose = wrongSecret.run(TinyData.with(prep, "--verbose"));
        assertEquals(ExitCodes.USAGE, verbose.exitCode(), verbose.toString());
        assertTrue(verbose.stderr().contains("\tat io.stereotype.mlops.storage.S3Objects"), "--verbose prints the trace:\n" + verbose.stderr());
    }

    @Test
    void aModelWithAKeyOutsideItsFolderIsRefusedWithExitCodeThree(EmbeddedS3 s3) throws Exception {
        String bucket = s3.bucket("faults");
        URI model = URI.create("s3://" + bucket + "/models/" + UUID.randomUUID());
        try (S3ArtifactStore store = S3ArtifactStore.connect(s3.settings(), RetryPolicy.DEFAULT)) {
            store.uploadFolder(io.stereotype.mlops.testing.Folders.write(dir.resolve("bundle"), java.util.Map.of("model.json", "{}")), model);
        }
        String key = model.getPath().substring(1) + "/%2e%2e/%2e%2e/%2e%2e/escaped.txt";
        byte[] content = "from the bucket".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        s3.client().putObject(io.minio.PutObjectArgs.builder().bucket(bucket).object(key).data(content, content.length).build());
        Path cache = dir.resolve("cache-unsafe");

        TrainerProcess.Result result = new TrainerProcess(cache).withServices("", s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)
                .run("score", "--model", model.toString(), "--image", TinyData.dataset(dir).resolve("test/good").toString(),
                        "--out", dir.resolve("scores").toString());

        assertEquals(ExitCodes.BAD_DATA, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("error: score failed: refusing remote name 's3://" + bucket + "/" + key
                + "': it has a '..' path segment once percent-decoded"), result.stderr());
        assertFalse(result.stderr().contains("\tat "), result.stderr());
        try (var files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().equals("escaped.txt")).toList(), "no file written");
        }
        assertFalse(Files.exists(dir.resolve("scores/scores.json")));
    }

    @Test
    void registerWithoutRunIdIsRefusedBeforeAnyCopy(EmbeddedS3 s3) throws Exception {
        String modelsRoot = "s3://" + s3.bucket("faults") + "/registered-" + UUID.randomUUID();
        TrainerProcess.Result result = new TrainerProcess(dir.resolve("cache"))
                .withServices("http://127.0.0.1:" + closedPort(), s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)
                .run("register", "--model", dir.resolve("retrains/r1/bundle").toString(), "--report", dir.resolve("report.json").toString(),
                        "--name", "bottles", "--models-root", modelsRoot);

        assertEquals(ExitCodes.USAGE, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("error: register failed: register needs --run-id: the MLflow run the version comes from"),
                result.stderr());
        assertEquals(List.of(), s3.keys("faults", modelsRoot.substring(("s3://faults/").length())), "nothing copied");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
