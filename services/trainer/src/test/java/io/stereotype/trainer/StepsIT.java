package io.stereotype.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.mlops.testing.EmbeddedS3;
import io.stereotype.mlops.testing.MlflowServer;
import io.stereotype.mlops.testing.MlflowServerExtension;
import io.minio.UploadObjectArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline as Kestra runs it: one process per step, handing URIs (an s3:// work folder) and the
 * parent run id from one to the next.
 */
@ExtendWith(MlflowServerExtension.class)
class StepsIT {
    @TempDir
    Path dir;

    @Test
    void separateProcessesJoinOneParentRun(MlflowServer mlflow, EmbeddedS3 s3) throws Exception {
        String bucket = s3.bucket("stereotype");
        String run = "steps-" + UUID.randomUUID();
        String work = "s3://" + bucket + "/work/" + run;
        String bundle = "s3://" + bucket + "/models/" + run;
        // the data set is uploaded the way users do it (object by object, no completion marker)
        String data = uploadPlain(s3, bucket, "datasets/" + run, TinyData.dataset(dir));
        // every step in a fresh cache, as in a fresh container
        TrainerProcess.Result prep = trainer(mlflow, s3, "prep").run(TinyData.with(new String[] {"prep", "--data",
                data, "--work", work, "--experiment", "steps-it"}, TinyData.FAST));
        assertEquals(0, prep.exitCode(), prep.toString());
        String parent = prep.output("parentRunId");
        assertEquals("12", prep.output("trainImages"));

        TrainerProcess.Result doctor = trainer(mlflow, s3, "doctor").run("train-doctor", "--work", work, "--parent-run-id", parent);
        assertEquals(0, doctor.exitCode(), doctor.toString());
        assertEquals(work + "/doctor", doctor.output("model").replaceAll("/$", ""));
        for (int i = 1; i <= 2; i++) {
            TrainerProcess.Result master = trainer(mlflow, s3, "m" + i).run("train-student", "--work", work, "--role", "master",
                    "--master", String.valueOf(i), "--parent-run-id", parent);
            assertEquals(0, master.exitCode(), master.toString());
        }
        for (int i = 1; i <= 2; i++) {
            TrainerProcess.Result bachelor = trainer(mlflow, s3, "b" + i).run("train-student", "--work", work, "--role", "bachelor",
                    "--master", String.valueOf(i), "--index", "1");
            assertEquals(0, bachelor.exitCode(), bachelor.toString());
        }
        TrainerProcess.Result assemble = trainer(mlflow, s3, "assemble").run("assemble", "--work", work, "--out", bundle);
        assertEquals(0, assemble.exitCode(), assemble.toString());
        TrainerProcess.Result evaluate = trainer(mlflow, s3, "evaluate").run("evaluate", "--model", bundle, "--data",
                data, "--out", "s3://" + bucket + "/reports/" + run, "--parent-run-id", parent);
        assertEquals(0, evaluate.exitCode(), evaluate.toString());
        assertTrue(Double.parseDouble(evaluate.output("imageAuroc")) >= 0);

        Map<String, JsonNode> children = new MlflowQueries(mlflow.trackingUri()).children(parent);
        assertEquals(Set.of("doctor", "master-1", "master-2", "bachelor-1-1", "bachelor-2-1", "evaluation"), children.keySet());
        assertTrue(s3.keys(bucket, "models/" + run + "/").contains("models/" + run + "/manifest.json"));
    }

    @Test
    void theDoctorClassifiesTheLabelledDataSetAndTeachesOnNormalImages(MlflowServer mlflow, EmbeddedS3 s3) throws Exception {
        String bucket = s3.bucket("stereotype");
        String run = "labelled-" + UUID.randomUUID();
        String work = "s3://" + bucket + "/work/" + run;
        String doctorData = uploadPlain(s3, bucket, "datasets/" + run, TinyData.labelled(dir));
        TrainerProcess.Result prep = trainer(mlflow, s3, "prep").run(TinyData.with(new String[] {"prep", "--data",
                TinyData.dataset(dir).toString(), "--doctor-data", doctorData, "--work", work, "--experiment", "steps-it"},
                TinyData.FAST));
        assertEquals(0, prep.exitCode(), prep.toString());
        assertTrue(prep.stdout().contains("the doctor classifies " + doctorData + ": 3 classes {noise=4, weave=4, wood=4}"),
                prep.stdout());
        MlflowQueries q = new MlflowQueries(mlflow.trackingUri());
        JsonNode parent = q.run(prep.output("parentRunId"));
        assertEquals("3", q.param(parent, "doctor_classes"));
        assertEquals(doctorData, q.tag(parent, "doctor_data"));
        String hash = q.tag(parent, "doctor_data_hash");
        assertTrue(hash != null && hash.matches("[0-9a-f]{64}") && !hash.equals(prep.output("datasetHash")), hash);

        // a fresh container: the doctor downloads the labelled data set and trains on its 3 classes
        TrainerProcess.Result doctor = trainer(mlflow, s3, "doctor").run("train-doctor", "--work", work);
        assertEquals(0, doctor.exitCode(), doctor.toString());
        assertTrue(Double.isFinite(Double.parseDouble(doctor.output("loss"))), doctor.output("loss"));
        JsonNode doctorRun = q.run(doctor.output("runId"));
        assertEquals("3", q.param(doctorRun, "doctor_classes"));
        assertEquals(doctorData, q.tag(doctorRun, "doctor_data"));
        assertEquals(hash, q.tag(doctorRun, "doctor_data_hash"));
        assertEquals(1, q.metricHistory(doctor.output("runId"), "loss_cross_entropy").size());

        // masters learn the labelled doctor on the normal images; a doctor can still start from a SavedModel
        TrainerProcess.Result master = trainer(mlflow, s3, "m1").run("train-student", "--work", work, "--role", "master",
                "--master", "1");
        assertEquals(0, master.exitCode(), master.toString());
        assertEquals(null, q.tag(q.run(master.output("runId")), "doctor_data"));
        TrainerProcess.Result seeded = trainer(mlflow, s3, "seeded").run("train-doctor", "--work", work, "--init",
                work + "/doctor/model");
        assertEquals(0, seeded.exitCode(), seeded.toString());
    }

    @Test
    void aPretextDoctorThatLearntNothingSaysSoInTheLogMlflowAndTheReport(MlflowServer mlflow, EmbeddedS3 s3) throws Exception {
        // value noise looks the same turned by 90 degrees: one epoch of the rotation pretext stays at chance
        String work = dir.resolve("pretext-work").toUri().toString();
        String data = TinyData.dataset(dir).toString();
        TrainerProcess.Result prep = trainer(mlflow, s3, "prep").run("prep", "--data", data, "--work", work,
                "--experiment", "steps-it", "--doctor", "pretext", "--epochs", "1", "--masters", "1", "--bachelors", "1",
                "--patch-size", "32", "--image-size", "64");
        assertEquals(0, prep.exitCode(), prep.toString());
        String parent = prep.output("parentRunId");
        TrainerProcess.Result doctor = trainer(mlflow, s3, "doctor").run("train-doctor", "--work", work);
        assertEquals(0, doctor.exitCode(), doctor.toString());
        assertTrue((doctor.stdout() + doctor.stderr()).contains("the pretext doctor did not learn"), doctor.toString());
        MlflowQueries q = new MlflowQueries(mlflow.trackingUri());
        String warning = q.tag(q.run(doctor.output("runId")), TrainStep.PRETEXT_WARNING_TAG);
        assertTrue(warning != null && warning.contains("near chance (ln 4 = 1.386)") && warning.contains("--doctor pretrained"),
                String.valueOf(warning));
        assertEquals(warning, q.tag(q.run(parent), TrainStep.PRETEXT_WARNING_TAG));
        assertEquals("pretext", q.param(q.run(doctor.output("runId")), "doctor"));
        Map<String, String> health = new java.util.LinkedHashMap<>();
        health.put("doctor", q.tag(q.run(doctor.output("runId")), "training_health"));
        for (String[] student : new String[][] {{"--role", "master", "--master", "1"},
                {"--role", "bachelor", "--master", "1", "--index", "1"}}) {
            TrainerProcess.Result trained = trainer(mlflow, s3, "s").run(TinyData.with(new String[] {"train-student",
                    "--work", work}, student));
            assertEquals(0, trained.exitCode(), trained.toString());
            health.put(student[1].equals("master") ? "master-1" : "bachelor-1-1",
                    q.tag(q.run(trained.output("runId")), "training_health"));
        }
        String bundle = dir.resolve("pretext-bundle").toUri().toString();
        assertEquals(0, trainer(mlflow, s3, "assemble").run("assemble", "--work", work, "--out", bundle).exitCode());
        java.nio.file.Path report = dir.resolve("pretext-report");
        TrainerProcess.Result evaluate = trainer(mlflow, s3, "evaluate").run("evaluate", "--model", bundle, "--data", data,
                "--out", report.toString(), "--parent-run-id", parent);
        assertEquals(0, evaluate.exitCode(), evaluate.toString());
        String html = java.nio.file.Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("<div class=\"warning\" role=\"alert\"><strong>Warning:</strong> the pretext doctor did not learn"),
                "report.html shows the warning");
        // every network's health travelled with its folder into the bundle: the report agrees with MLflow's tags
        assertTrue(html.contains("<h2>Training</h2>"), "report.html has the training table");
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.resolve("report.json").toFile());
        String warnings = json.get("warnings").toString();
        health.forEach((network, tag) -> {
            JsonNode training = json.get("training").get(network);
            assertTrue(Double.isFinite(training.get("loss").doubleValue()), network + ": " + training);
            assertEquals(tag, training.get("stalled").booleanValue() ? "stalled" : "ok", network + ": " + training);
            assertEquals(training.get("stalled").booleanValue(), warnings.contains(network + " (final "), warnings);
        });
    }

    @Test
    void aStudentCannotTrainBeforeItsTeacher(MlflowServer mlflow, EmbeddedS3 s3) throws Exception {
        String work = dir.resolve("early").toString();
        assertEquals(0, trainer(mlflow, s3, "p").run(TinyData.with(new String[] {"prep", "--data",
                TinyData.dataset(dir).toString(), "--work", work}, TinyData.FAST)).exitCode());
        // prep measured the input normalisation once for every later step (they read only what they train on)
        JsonNode prep = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Path.of(work, "prep.json").toFile());
        assertEquals(3, prep.path("normalization").path("mean").size(), prep.toString());
        assertTrue(prep.path("normalization").path("std").get(0).asDouble() > 0, prep.toString());
        TrainerProcess.Result bachelor = trainer(mlflow, s3, "b").run("train-student", "--work", work, "--role", "bachelor",
                "--master", "1", "--index", "1");
        assertEquals(ExitCodes.USAGE, bachelor.exitCode(), bachelor.toString());
        assertTrue(bachelor.stderr().contains("network master-1 is not in"), bachelor.stderr());
        TrainerProcess.Result outside = trainer(mlflow, s3, "o").run("train-student", "--work", work, "--role", "master", "--master", "3");
        assertEquals(ExitCodes.USAGE, outside.exitCode());
        assertTrue(outside.stderr().contains("master-3 is not in this tree: it has 2 masters"), outside.stderr());
    }

    /** Puts every file of a local folder under a prefix, as `mc cp -r` or `aws s3 sync` would. */
    private static String uploadPlain(EmbeddedS3 s3, String bucket, String prefix, Path folder) throws Exception {
        try (var files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                s3.client().uploadObject(UploadObjectArgs.builder().bucket(bucket)
                        .object(prefix + "/" + folder.relativize(file).toString().replace('\\', '/'))
                        .filename(file.toString()).build());
            }
        }
        return "s3://" + bucket + "/" + prefix;
    }

    private TrainerProcess trainer(MlflowServer mlflow, EmbeddedS3 s3, String container) {
        return new TrainerProcess(dir.resolve("cache-" + container))
                .withServices(mlflow.trackingUri().toString(), s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
    }
}
