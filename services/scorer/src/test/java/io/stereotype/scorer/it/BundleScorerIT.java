package io.stereotype.scorer.it;

import static io.stereotype.scorer.it.ScorerClient.json;
import static io.stereotype.scorer.it.ScorerClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.scorer.image.TestImages;
import io.stereotype.scorer.it.ScorerClient.Part;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged jar serving a bundle given by path, with an API key and tight limits: bad input is
 * refused with a JSON message naming the problem, and the service keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundleScorerIT {
    private static final String KEY = "it-secret-key";
    private static final String ADMIN_KEY = "it-admin-key";
    private static final long MAX_BYTES = 1_000_000;
    private static final long MAX_PIXELS = 300_000;

    private TrainedBundles bundles;
    private ScorerProcess scorer;
    private ScorerClient client;
    private ScorerClient anonymous;
    private ScorerClient admin;

    @BeforeAll
    void start() throws Exception {
        bundles = TrainedBundles.get();
        scorer = ScorerProcess.start("bundle", Map.of("STEREOTYPE_MODEL", bundles.v1.toUri().toString(), "STEREOTYPE_API_KEY", KEY,
                        "STEREOTYPE_ADMIN_KEY", ADMIN_KEY),
                Map.of("stereotype.max-image-bytes", Long.toString(MAX_BYTES), "stereotype.max-pixels", Long.toString(MAX_PIXELS),
                        "stereotype.max-concurrent", "1", "stereotype.queue-timeout", "0s", "stereotype.max-batch-images", "3"));
        client = new ScorerClient(scorer.base(), KEY);
        anonymous = new ScorerClient(scorer.base(), null);
        admin = new ScorerClient(scorer.base(), null, ADMIN_KEY);
    }

    @AfterAll
    void stop() throws Exception {
        if (scorer != null) {
            scorer.close();
        }
    }

    @Test
    void scoresAsTheLibraryDoes() throws Exception {
        for (Path image : bundles.images) {
            HttpResponse<byte[]> response = client.postBody("/v1/score", "image/png", Files.readAllBytes(image));

            assertEquals(200, response.statusCode(), text(response));
            JsonNode result = json(response);
            double expected = bundles.expectedScore(bundles.v1, image);
            assertEquals(expected, result.path("score").asDouble(), 1e-6, image.toString());
            assertEquals(result.path("score").asDouble() > result.path("threshold").asDouble() ? "anomalous" : "normal",
                    result.path("label").asText());
            assertEquals("bundle-v1", result.path("model").path("name").asText());
            assertTrue(result.path("model").path("version").isMissingNode(), "a bundle path has no registry version");
            assertEquals(ModelBundle.open(bundles.v1).manifest().contentHash(), result.path("model").path("bundleHash").asText());
            assertTrue(result.path("timings").path("inferenceMs").asDouble() > 0);
            assertTrue(result.path("timings").path("totalMs").asDouble() >= result.path("timings").path("inferenceMs").asDouble());
        }
    }

    @Test
    void servesHealthTheOpenApiDocumentAndTheUploadPage() throws Exception {
        assertEquals(200, anonymous.get("/q/health/live").statusCode());
        assertEquals("UP", json(anonymous.get("/q/health/ready")).path("status").asText());
        assertEquals(200, anonymous.get("/q/metrics").statusCode(), "metrics are open by default (stereotype.metrics-access)");
        assertRefused(anonymous.get("/q/openapi"), 401, "missing or wrong X-Admin-Key header");
        assertRefused(client.get("/q/swagger-ui/"), 401, "missing or wrong X-Admin-Key header");
        String openapi = text(admin.get("/q/openapi"));
        assertTrue(openapi.contains("/v1/score/batch") && openapi.contains("/v1/reload"), openapi);
        String page = text(anonymous.get("/"));
        assertTrue(page.contains("/v1/score?map=true"), page);
        assertFalse(page.contains("src=\"http"), "the page loads nothing from elsewhere");
    }

    @Test
    void theScoringKeyGuardsScoringAndTheAdminKeyTheModelEndpoints() throws Exception {
        byte[] png = Files.readAllBytes(bundles.images.getFirst());

        HttpResponse<byte[]> missing = anonymous.postBody("/v1/score", "image/png", png);
        HttpResponse<byte[]> wrong = anonymous.postBody("/v1/score", "image/png", png, "X-API-Key", KEY + "x");
        HttpResponse<byte[]> adminKeyForScoring = admin.postBody("/v1/score", "image/png", png);
        for (HttpResponse<byte[]> refused : List.of(missing, wrong, adminKeyForScoring)) {
            assertRefused(refused, 401, "missing or wrong X-API-Key header");
        }
        // the scoring key opens neither reload nor the model's status (which names where the model comes from)
        for (HttpResponse<byte[]> refused : List.of(anonymous.post("/v1/reload"), client.post("/v1/reload"), client.get("/v1/model"),
                anonymous.get("/v1/model"), client.post("/v1/reload", "X-Admin-Key", KEY))) {
            assertRefused(refused, 401, "missing or wrong X-Admin-Key header");
        }
        assertEquals(200, admin.get("/v1/model").statusCode());
        HttpResponse<byte[]> reload = admin.post("/v1/reload");
        assertEquals(200, reload.statusCode(), text(reload));
        assertEquals("UNCHANGED", json(reload).path("outcome").asText());
        String log = scorer.logText();
        assertFalse(log.contains(KEY) || log.contains(ADMIN_KEY), "no key may be logged");
    }

    @Test
    void aCrossSiteFormCannotReload() throws Exception {
        // what a browser sends for a plain HTML form posted from another site: no custom header
        HttpResponse<byte[]> form = anonymous.postBody("/v1/reload", "application/x-www-form-urlencoded", "a=b".getBytes(),
                "Origin", "https://elsewhere.example");

        assertRefused(form, 401, "missing or wrong X-Admin-Key header");
        assertTrue(form.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS grant");
    }

    @Test
    void scoringRepliesNameTheModelButNotWhereItsFilesAre() throws Exception {
        HttpResponse<byte[]> scored = client.postBody("/v1/score", "image/png", Files.readAllBytes(bundles.images.getFirst()));

        assertEquals(200, scored.statusCode(), text(scored));
        assertTrue(json(scored).path("model").path("source").isMissingNode(), text(scored));
        assertFalse(text(scored).contains(bundles.v1.toString()), text(scored));
        assertEquals(bundles.v1.toUri().toString(), json(admin.get("/v1/model")).path("serving").path("model").path("source").asText());
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTheProblem() throws Exception {
        byte[] png = Files.readAllBytes(bundles.images.getFirst());
        byte[] jpeg = TestImages.noise(64, 64, "jpeg");

        assertRefused(client.postBody("/v1/score", "text/plain", "hello".getBytes()), 415, "content type text/plain");
        assertRefused(client.postBody("/v1/score", "image/png", "hello, not an image".getBytes()), 400, "not a PNG or JPEG");
        assertRefused(client.postBody("/v1/score", "image/png", new byte[0]), 400, "empty (0 bytes)");
        assertRefused(client.postBody("/v1/score", "image/png", TestImages.truncated(png, 0.6)), 400, "corrupt or truncated");
        assertRefused(client.postBody("/v1/score", "image/jpeg", TestImages.truncated(jpeg, 0.6)), 400, "corrupt or truncated");
        assertRefused(client.postBody("/v1/score", "image/gif", TestImages.noise(8, 8, "gif")), 415, "is a GIF image");
        assertRefused(client.postBody("/v1/score", "image/webp", "RIFF\u0024\0\0\0WEBPVP8 \u0018\0\0\0".getBytes(StandardCharsets.ISO_8859_1)),
                415, "the request body is a WebP image; send PNG or JPEG");
        assertRefused(client.postBody("/v1/score", "image/x-portable-pixmap", "P6\n1 1\n255\n\0\0\0".getBytes(StandardCharsets.ISO_8859_1)),
                415, "is a Netpbm (PBM/PGM/PPM/PAM) image");
        // this model was trained with resizeSmall: it enlarges a tiny image by design, and says so
        HttpResponse<byte[]> tiny = client.postBody("/v1/score", "image/png", TestImages.noise(1, 128, "png"));
        assertEquals(200, tiny.statusCode(), text(tiny));
        assertEquals("this 1x128 image is smaller than the model's patch of 32 pixels; the model enlarges such images by design"
                + " (resizeSmall), so the score rests on few real pixels", json(tiny).path("note").asText());
        assertTrue(json(client.postBody("/v1/score", "image/png", png)).path("note").isMissingNode(), "no note for a full-size image");
        int data = TestImages.firstImageData(png);
        assertRefused(client.postBody("/v1/score", "image/png", TestImages.flipped(png, data + 200, 4)), 400,
                "the request body is a corrupt or truncated PNG: CRC mismatch in chunk 'IDAT' at byte " + (data - 8));
        assertRefused(client.postBody("/v1/score", "image/png", TestImages.withChunkCrcsFixed(TestImages.flipped(png, data + 200, 4))),
                400, "the request body is a corrupt or truncated PNG: its compressed image data is corrupt");
        assertRefused(client.postBody("/v1/score", "image/png", TestImages.noise(700, 700, "png")), 413,
                "bytes; the limit is " + MAX_BYTES);
        assertRefused(client.postBody("/v1/score", "image/png", TestImages.pngClaimingSize(png, 50_000, 50_000)), 413,
                "50000x50000 = 2500000000 pixels; the limit is " + MAX_PIXELS);
        assertRefused(client.postBody("/v1/score/batch", "image/png", png), 415, "send multipart/form-data");
        assertRefused(client.postBody("/v1/score", "*/*", png), 415, "content type */* is not supported");
        assertRefused(client.send("POST", "/v1/score", png), 415, "no content type given");
        assertRefused(client.send("POST", "/v1/score/batch", png), 415, "no content type given");
        assertRefused(client.postMultipart("/v1/score", List.of(new Part("picture", "a.png", png))), 400, "no file field 'image'");
        assertRefused(client.postMultipart("/v1/score", List.of(new Part("image", "a.png", "text".getBytes()))), 400,
                "image 'a.png' is not a PNG or JPEG");

        HttpResponse<byte[]> stillServing = client.postMultipart("/v1/score", List.of(new Part("image", "ok.png", png)));
        assertEquals(200, stillServing.statusCode(), text(stillServing));
        assertEquals(bundles.expectedScore(bundles.v1, bundles.images.getFirst()), json(stillServing).path("score").asDouble(), 1e-6);
        assertEquals("ok.png", json(stillServing).path("image").asText());
        assertEquals(200, client.postBody("/v1/score", "image/jpeg", jpeg).statusCode(), "a JPEG is scored too");
    }

    @Test
    void requestsTheRestLayerCannotParseGetJsonClientErrorsAndNoErrorLogLine() throws Exception {
        byte[] png = Files.readAllBytes(bundles.images.getFirst());
        byte[] form = ScorerClient.multipartBody("b0undary", List.of(new Part("image", "a.png", png)));

        assertRefused(client.postBody("/v1/score", "image", png), 415, "content type 'image' is malformed");
        assertRefused(client.postBody("/v1/score", "multipart/form-data", form), 400,
                "content type multipart/form-data has no boundary parameter");
        assertRefused(client.postBody("/v1/score/batch", "multipart/form-data", form), 400, "has no boundary parameter");
        assertRefused(client.postBody("/v1/score", "multipart/form-data; boundary=b0undary", TestImages.truncated(form, 0.5)), 400,
                "the multipart body is malformed");
        assertRefused(client.postMultipart("/v1/score/batch", java.util.Collections.nCopies(1001, new Part("image", "x.png", png))),
                413, "the multipart form has more than 1000 parts; a batch takes at most 3 images");
        assertRefused(client.postMultipart("/v1/score/batch", java.util.Collections.nCopies(1000, new Part("image", "x.png", png))),
                413, "the batch has 1000 images; the limit is 3");
        assertRefused(client.send("DELETE", "/v1/score", null), 405, "method not allowed on /v1/score");
        assertRefused(client.send("GET", "/v1/score/batch", null), 405, "method not allowed on /v1/score/batch");
        assertRefused(client.get("/v1/nothing"), 404, "no endpoint at /v1/nothing");

        assertEquals(List.of(), scorer.errorLines(), "a client's mistake is no error of the service");
    }

    @Test
    void batchScoresEveryImageAndReportsEachBadOne() throws Exception {
        Path first = bundles.images.get(0);
        Path second = bundles.images.get(1);
        List<Part> parts = List.of(new Part("image", "first.png", Files.readAllBytes(first)),
                new Part("image", "broken.png", "nope".getBytes()), new Part("image", "second.png", Files.readAllBytes(second)));

        HttpResponse<byte[]> response = client.postMultipart("/v1/score/batch", parts);

        assertEquals(200, response.statusCode(), text(response));
        JsonNode items = json(response);
        assertEquals(3, items.size());
        assertEquals("first.png", items.get(0).path("image").asText());
        assertEquals(bundles.expectedScore(bundles.v1, first), items.get(0).path("score").asDouble(), 1e-6);
        assertEquals("broken.png", items.get(1).path("image").asText());
        assertEquals(400, items.get(1).path("status").asInt());
        assertTrue(items.get(1).path("error").asText().contains("not a PNG or JPEG"), items.get(1).toString());
        assertEquals(bundles.expectedScore(bundles.v1, second), items.get(2).path("score").asDouble(), 1e-6);

        List<Part> tooMany = new ArrayList<>(parts);
        tooMany.add(parts.getFirst());
        assertRefused(client.postMultipart("/v1/score/batch", tooMany), 413, "the batch has 4 images; the limit is 3");
    }

    @Test
    void overlayIsAPngOfTheImageSize() throws Exception {
        byte[] png = Files.readAllBytes(bundles.images.get(1));

        HttpResponse<byte[]> byQuery = client.postBody("/v1/score?map=true", "image/png", png);
        HttpResponse<byte[]> byAccept = client.postBody("/v1/score", "image/png", png, "Accept", "image/png");

        for (HttpResponse<byte[]> response : List.of(byQuery, byAccept)) {
            assertEquals(200, response.statusCode());
            assertEquals("image/png", response.headers().firstValue("Content-Type").orElseThrow());
            var overlay = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(response.body()));
            assertEquals(64, overlay.getWidth());
            assertEquals(64, overlay.getHeight());
            assertEquals(bundles.expectedScore(bundles.v1, bundles.images.get(1)),
                    Double.parseDouble(response.headers().firstValue("X-Score").orElseThrow()), 1e-6);
        }
    }

    @Test
    void saturationIsRefusedWith503AndRetryAfter() throws Exception {
        byte[] large = TestImages.noise(500, 500, "png");
        List<HttpResponse<byte[]>> responses = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            // one slot and no queue: among simultaneous requests, some find the slot taken
            for (int round = 0; round < 10 && responses.stream().noneMatch(r -> r.statusCode() == 503); round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    futures.add(clients.submit(() -> {
                        go.await();
                        return client.postBody("/v1/score", "image/png", large);
                    }));
                }
                go.countDown();
                for (Future<HttpResponse<byte[]>> future : futures) {
                    responses.add(future.get());
                }
            }
        } finally {
            clients.shutdownNow();
        }

        HttpResponse<byte[]> busy = responses.stream().filter(r -> r.statusCode() == 503).findFirst().orElseThrow(
                () -> new AssertionError("no request was refused with 503"));
        assertEquals("1", busy.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("all 1 scoring slots are busy; retry later", json(busy).path("error").asText());
        assertTrue(responses.stream().anyMatch(r -> r.statusCode() == 200));
        assertTrue(responses.stream().allMatch(r -> r.statusCode() == 200 || r.statusCode() == 503));
    }

    private static void assertRefused(HttpResponse<byte[]> response, int status, String messagePart) throws Exception {
        assertEquals(status, response.statusCode(), text(response));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", ""));
        JsonNode body = json(response);
        assertEquals(status, body.path("status").asInt());
        assertTrue(body.path("error").asText().contains(messagePart), "expected '" + messagePart + "' in " + body);
    }
}
