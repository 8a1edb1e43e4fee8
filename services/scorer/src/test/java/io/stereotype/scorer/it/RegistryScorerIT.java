package io.stereotype.scorer.it;

import static io.stereotype.scorer.it.ScorerClient.json;
import static io.stereotype.scorer.it.ScorerClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.core.io.Folders;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.mlflow.MlflowSettings;
import io.stereotype.mlops.registry.MlflowModelRegistry;
import io.stereotype.mlops.storage.ArtifactStores;
import io.stereotype.mlops.testing.EmbeddedS3;
import io.stereotype.mlops.testing.MlflowServer;
import io.stereotype.mlops.testing.MlflowServerExtension;
import io.stereotype.mlops.tracking.MlflowRunTracker;
import io.stereotype.scorer.bench.ScoreBenchmark;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged jar following {@code models:/NAME} (alias production) in a real MLflow server, with
 * the bundles on a real S3 server: scores equal the library's, an alias move is followed without a
 * failed request, and a corrupt version is refused while the old one keeps serving. The tests run
 * in order: each one moves the alias further.
 */
@ExtendWith(MlflowServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryScorerIT {
    private static final RetryPolicy FAST = RetryPolicy.of(3, Duration.ofMillis(100));
    private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(60);

    private final String model = "scorer-it-" + UUID.randomUUID().toString().substring(0, 8);
    private TrainedBundles bundles;
    private MlflowModelRegistry registry;
    private Path cache;
    private ScorerProcess scorer;
    private ScorerClient client;

    @BeforeAll
    void start(MlflowServer mlflow, EmbeddedS3 s3) throws Exception {
        bundles = TrainedBundles.get();
        registry = new MlflowModelRegistry(MlflowSettings.of(mlflow.trackingUri()), FAST);
        String bucket = s3.bucket("models");
        try (ArtifactStores stores = new ArtifactStores(s3.settings(), FAST);
             MlflowRunTracker tracker = new MlflowRunTracker(MlflowSettings.of(mlflow.trackingUri()), stores, FAST)) {
            String runId = tracker.startRun(tracker.experiment("scorer-it"), "train").runId();
            for (Path bundle : List.of(bundles.v1, bundles.v2, corruptCopyOf(bundles.v2))) {
                URI source = URI.create("s3://" + bucket + "/" + model + "/" + bundle.getFileName());
                stores.forUri(source).uploadFolder(bundle, source);
                registry.registerVersion(model, source, runId);
            }
        }
        registry.setAlias(model, "production", 1);
        cache = Path.of("target", "scorer-cache-" + model).toAbsolutePath();
        scorer = ScorerProcess.start("registry", Map.of(
                        "STEREOTYPE_MODEL", "models:/" + model,
                        "MLFLOW_TRACKING_URI", mlflow.trackingUri().toString(),
                        "AWS_ENDPOINT_URL_S3", s3.endpoint(),
                        "AWS_ACCESS_KEY_ID", EmbeddedS3.ACCESS_KEY,
                        "AWS_SECRET_ACCESS_KEY", EmbeddedS3.SECRET_KEY),
                Map.of("stereotype.reload-interval", "1s", "stereotype.cache-dir", cache.toString()));
        // no keys configured: reload still needs the X-Admin-Key header (any value), against cross-site forms
        client = new ScorerClient(scorer.base(), null, "any");
    }

    /** A copy of the bundle with one byte of a network's weights flipped: its checksum no longer matches. */
    private static Path corruptCopyOf(Path bundle) throws Exception {
        Path copy = bundle.resolveSibling("bundle-v3-corrupt");
        Folders.copyRecursively(bundle, copy);
        Path weights;
        try (Stream<Path> files = Files.walk(copy)) {
            weights = files.filter(file -> file.toString().contains("variables/variables.data")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(weights, bytes);
        return copy;
    }

    @AfterAll
    void stop() throws Exception {
        if (scorer != null) {
            scorer.close();
        }
    }

    @Test
    @Order(1)
    void servesTheProductionVersionWithTheLibrarysScores() throws Exception {
        for (Path image : bundles.images) {
            HttpResponse<byte[]> response = client.postBody("/v1/score", "image/png", Files.readAllBytes(image));

            assertEquals(200, response.statusCode(), text(response));
            JsonNode result = json(response);
            assertEquals(bundles.expectedScore(bundles.v1, image), result.path("score").asDouble(), 1e-6, image.toString());
            assertEquals(model, result.path("model").path("name").asText());
            assertEquals(1, result.path("model").path("version").asInt());
            assertEquals("production", result.path("model").path("alias").asText());
            assertEquals(ModelBundle.open(bundles.v1).manifest().contentHash(), result.path("model").path("bundleHash").asText());
        }
        JsonNode ready = json(client.get("/q/health/ready"));
        assertEquals("UP", ready.path("status").asText());
        assertEquals(1, ready.path("checks").get(0).path("data").path("version").asInt());
    }

    @Test
    @Order(2)
    void metricsArePublishedForPrometheus() throws Exception {
        client.postBody("/v1/score", "image/png", Files.readAllBytes(bundles.images.getFirst()));

        String metrics = text(client.get("/q/metrics"));

        assertTrue(metrics.contains("stereotype_model_version 1.0"), metrics);
        assertTrue(metrics.contains("stereotype_model_reload_failures_total 0.0"), metrics);
        assertTrue(metrics.contains("stereotype_request_seconds_bucket{endpoint=\"score\",outcome=\"success\""), metrics);
        assertTrue(metrics.contains("stereotype_score{label="), metrics);
    }

    @Test
    @Order(3)
    void benchmarkRunsWithoutErrors() throws Exception {
        Path image = bundles.images.getFirst();
        ScoreBenchmark.Result result = new ScoreBenchmark(scorer.base(), Files.readAllBytes(image), "image/png", null).run(4, 40);

        assertEquals(0, result.errorCount(), result.toString());
        assertEquals(40, result.latenciesMs().length);
        assertTrue(result.percentileMs(99) >= result.percentileMs(50));
    }

    @Test
    @Order(4)
    void followsTheAliasToANewVersionWithoutFailingARequest() throws Exception {
        Path image = bundles.images.get(1);
        byte[] png = Files.readAllBytes(image);
        double v1Score = bundles.expectedScore(bundles.v1, image);
        double v2Score = bundles.expectedScore(bundles.v2, image);
        assertNotEquals(v1Score, v2Score, 1e-6, "the two models must score differently for the switch to show");
        List<JsonNode> answers = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sending = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clients.add(Thread.ofPlatform().start(() -> {
                while (sending.get()) {
                    try {
                        HttpResponse<byte[]> response = client.postBody("/v1/score", "image/png", png);
                        if (response.statusCode() == 200) {
                            answers.add(json(response));
                        } else {
                            failures.add(response.statusCode() + " " + text(response));
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }

        registry.setAlias(model, "production", 2);
        long deadline = System.nanoTime() + SWITCH_TIMEOUT.toNanos();
        while (servingVersion() != 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        int answersBeforeSwitch = answers.size();
        while (answers.size() < answersBeforeSwitch + 20 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        sending.set(false);
        for (Thread thread : clients) {
            thread.join();
        }

        assertEquals(List.of(), failures);
        assertEquals(2, servingVersion());
        List<JsonNode> snapshot = List.copyOf(answers);
        assertTrue(snapshot.stream().anyMatch(answer -> answer.path("model").path("version").asInt() == 1), "no answer from v1");
        assertTrue(snapshot.stream().anyMatch(answer -> answer.path("model").path("version").asInt() == 2), "no answer from v2");
        for (JsonNode answer : snapshot) {
            double expected = answer.path("model").path("version").asInt() == 1 ? v1Score : v2Score;
            assertEquals(expected, answer.path("score").asDouble(), 1e-6, answer.toString());
        }
        awaitDrained();
        try (Stream<Path> folders = Files.list(cache.resolve(model))) {
            assertEquals(List.of("v2"), folders.map(folder -> folder.getFileName().toString().replaceFirst("-.*", "")).toList(),
                    "only the serving version's download is kept");
        }
    }

    @Test
    @Order(5)
    void aCorruptVersionIsRefusedAndTheServingOneStays() throws Exception {
        registry.setAlias(model, "production", 3);

        HttpResponse<byte[]> reload = client.post("/v1/reload");

        // the 1 s background check may reach the new alias first: then this forced reload is already rate-limited
        // (429) and names the same failure; otherwise it is the failed load itself (502)
        assertTrue(reload.statusCode() == 502 || reload.statusCode() == 429, text(reload));
        JsonNode report = json(reload);
        assertTrue(report.path("error").asText().matches(".*corrupted: checksum mismatch for networks/.*variables/variables\\.data.*"),
                report.toString());
        if (reload.statusCode() == 502) {
            assertEquals("FAILED", report.path("outcome").asText());
            assertEquals(2, report.path("serving").path("version").asInt());
        }
        assertFalse(report.path("error").asText().contains(cache.toString()), "no local path in replies: " + report);
        assertFalse(report.path("error").asText().contains("s3://"), "no bucket URI in replies: " + report);

        // asked again at once, the broken version is not downloaded again
        HttpResponse<byte[]> again = client.post("/v1/reload");
        assertEquals(429, again.statusCode(), text(again));
        assertTrue(json(again).path("error").asText().startsWith("this version failed to load at "), text(again));
        assertTrue(Integer.parseInt(again.headers().firstValue("Retry-After").orElseThrow()) > 0);

        JsonNode status = json(client.get("/v1/model"));
        assertEquals(2, status.path("serving").path("model").path("version").asInt());
        assertTrue(report.path("error").asText().contains(status.path("lastFailure").path("error").asText()), status.toString());
        assertTrue(status.path("lastFailure").path("candidate").asText().startsWith("version 3 "), status.toString());
        assertEquals(200, client.get("/q/health/ready").statusCode());

        Path image = bundles.images.getFirst();
        HttpResponse<byte[]> scored = client.postBody("/v1/score", "image/png", Files.readAllBytes(image));
        assertEquals(200, scored.statusCode());
        assertEquals(2, json(scored).path("model").path("version").asInt());
        assertEquals(bundles.expectedScore(bundles.v2, image), json(scored).path("score").asDouble(), 1e-6);

        double failures = reloadFailures();
        assertTrue(failures >= 1, "the failure is counted");
        assertTrue(scorer.logText().contains("reload of version 3 from"), "the failure is logged");

        // polls (every second) do not download the broken version again; only POST /v1/reload retries it
        Thread.sleep(2500);
        JsonNode later = json(client.get("/v1/model"));
        assertEquals("SKIPPED", later.path("lastReload").path("outcome").asText(), later.toString());
        assertEquals(report.path("error").asText(), later.path("lastReload").path("error").asText());
        assertEquals(failures, reloadFailures());
    }

    private double reloadFailures() throws Exception {
        return text(client.get("/q/metrics")).lines().filter(line -> line.startsWith("stereotype_model_reload_failures_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElseThrow();
    }

    private int servingVersion() throws Exception {
        return json(client.get("/v1/model")).path("serving").path("model").path("version").asInt();
    }

    private void awaitDrained() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (json(client.get("/v1/model")).path("draining").asInt() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, json(client.get("/v1/model")).path("draining").asInt());
    }
}
