package io.stereotype.scorer.it;

import static io.stereotype.scorer.it.ScorerClient.json;
import static io.stereotype.scorer.it.ScorerClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.scorer.image.TestImages;
import io.stereotype.scorer.it.ScorerClient.Part;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged jar under attack: worst-case uploads that are small files but huge images, and a
 * seeded fuzz of a few hundred malformed images and requests. Nothing may produce a 5xx, a non-JSON
 * error or an ERROR log line, and the service must score a good image as before afterwards.
 *
 * <p>The model is trained with {@code resizeSmall} off, so images smaller than its patch are refused.
 * Limits as deployed, except {@code max-scale=64}: the test model's input is 64 pixels, so a
 * 4096x4096 8-bit image (16,777,216 pixels, the {@code max-pixels} default) is accepted and decoded
 * at 64x64, while the same image with 16-bit samples (counting twice) is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdversarialScorerIT {
    private static final long SEED = 12;
    private static final int FUZZ_CASES = 300;
    private static final long HEAP_GROWTH_LIMIT = 600L << 20;

    private TrainedBundles bundles;
    private ScorerProcess scorer;
    private ScorerClient client;
    private byte[] good;
    private double goodScore;

    @BeforeAll
    void start() throws Exception {
        bundles = TrainedBundles.get();
        scorer = ScorerProcess.start("adversarial", Map.of("STEREOTYPE_MODEL", bundles.strict.toUri().toString()),
                Map.of("stereotype.max-scale", "64", "stereotype.queue-timeout", "30s"));
        client = new ScorerClient(scorer.base(), null, "any");
        good = Files.readAllBytes(bundles.images.getFirst());
        HttpResponse<byte[]> first = client.postBody("/v1/score", "image/png", good);
        assertEquals(200, first.statusCode(), text(first));
        goodScore = json(first).path("score").asDouble();
    }

    @AfterAll
    void stop() throws Exception {
        if (scorer != null) {
            scorer.close();
        }
    }

    @Test
    @Order(1)
    void fourConcurrentWorstCaseUploadsAreAnsweredWithBoundedMemory() throws Exception {
        byte[] rgb16 = TestImages.zeroRgb16Png(4096, 4096);
        byte[] grey = TestImages.greyPng(4096, 4096);
        assertTrue(rgb16.length < 200_000 && grey.length < 50_000, "small files: " + rgb16.length + ", " + grey.length);
        long before = scorer.residentBytes();

        List<HttpResponse<byte[]>> rgb16Answers = concurrently(4, () -> client.postBody("/v1/score", "image/png", rgb16));
        List<HttpResponse<byte[]>> greyAnswers = concurrently(4, () -> client.postBody("/v1/score", "image/png", grey));

        for (HttpResponse<byte[]> refused : rgb16Answers) {
            assertEquals(413, refused.statusCode(), text(refused));
            assertTrue(json(refused).path("error").asText().startsWith("the request body is 4096x4096 with 16-bit samples (counting"
                    + " twice); the limit for this model is 16777216 pixels"), text(refused));
        }
        // decoded at the model's 64x64: the same pixels, so the same score, as a black 64x64 image
        HttpResponse<byte[]> small = client.postBody("/v1/score", "image/png", TestImages.greyPng(64, 64));
        assertEquals(200, small.statusCode(), text(small));
        for (HttpResponse<byte[]> scored : greyAnswers) {
            assertEquals(200, scored.statusCode(), text(scored));
            assertEquals(json(small).path("score").asDouble(), json(scored).path("score").asDouble(), 0.0, text(scored));
        }
        long growth = scorer.residentBytes() - before;
        // decoding four 4096x4096 images in full would take 4 x 16.7 M pixels x 4 bytes as floats alone
        assertTrue(growth < HEAP_GROWTH_LIMIT, "resident memory grew by " + (growth >> 20) + " MiB");
    }

    @Test
    @Order(2)
    void withoutKeysReloadStillNeedsItsHeaderSoThatNoCrossSiteFormTriggersIt() throws Exception {
        ScorerClient browser = new ScorerClient(scorer.base(), null, null);

        HttpResponse<byte[]> form = browser.postBody("/v1/reload", "application/x-www-form-urlencoded", "a=b".getBytes(StandardCharsets.UTF_8),
                "Origin", "https://elsewhere.example");

        assertEquals(403, form.statusCode(), text(form));
        assertEquals("/v1/reload needs the X-Admin-Key header (any value while no admin key is configured), so that a cross-site"
                + " form cannot trigger it", json(form).path("error").asText());
        assertEquals(200, client.post("/v1/reload").statusCode());
    }

    @Test
    @Order(2)
    void imagesSmallerThanThePatchAreUnscorable() throws Exception {
        for (int[] size : new int[][] {{1, 1}, {1, 128}}) {
            HttpResponse<byte[]> tiny = client.postBody("/v1/score", "image/png", TestImages.noise(size[0], size[1], "png"));

            assertEquals(422, tiny.statusCode(), text(tiny));
            assertEquals("the request body is " + size[0] + "x" + size[1] + ", smaller than the model's patch of 32 pixels on a side;"
                    + " send an image at least 32 pixels wide and high", json(tiny).path("error").asText());
        }
    }

    @Test
    @Order(2)
    void aBatchTooCostlyToDecodeIsRefusedFromTheHeaders() throws Exception {
        byte[] grey = TestImages.greyPng(4096, 4096);
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            parts.add(new Part("image", "grey-" + i + ".png", grey));
        }

        HttpResponse<byte[]> batch = client.postMultipart("/v1/score/batch", parts);

        assertEquals(413, batch.statusCode(), text(batch));
        assertEquals("the batch's images have 536870912 pixels together (16-bit images count twice); the limit is 16777216",
                json(batch).path("error").asText());
    }

    @Test
    @Order(3)
    void fuzzedImagesAndRequestsGetJsonClientErrorsAndChangeNothing() throws Exception {
        Random random = new Random(SEED);
        List<byte[]> seeds = List.of(good, TestImages.noise(64, 64, "jpeg"), TestImages.noise(40, 40, "png"));
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < FUZZ_CASES; i++) {
            FuzzCase fuzz = fuzzCase(random, seeds.get(random.nextInt(seeds.size())));
            HttpResponse<byte[]> response = fuzz.send(client);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String what = "case " + i + " (" + fuzz.description() + "): " + response.statusCode() + " " + text(response);
            assertTrue(response.statusCode() < 500, what);
            if (response.statusCode() >= 400) {
                assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", ""), what);
                assertEquals(response.statusCode(), json(response).path("status").asInt(), what);
                assertTrue(!json(response).path("error").asText().isBlank(), what);
            }
        }
        System.out.println("fuzz statuses: " + statuses);

        assertEquals("UP", json(client.get("/q/health/ready")).path("status").asText());
        HttpResponse<byte[]> after = client.postBody("/v1/score", "image/png", good);
        assertEquals(200, after.statusCode(), text(after));
        assertEquals(goodScore, json(after).path("score").asDouble(), 0.0, "the good image scores as before");
        assertEquals(List.of(), scorer.errorLines(), "a client's mistake is no error of the service");
    }

    /** One generated request and what it is, for the failure message. */
    private record FuzzCase(String description, Sender sender) {
        HttpResponse<byte[]> send(ScorerClient client) throws Exception {
            return sender.send(client);
        }
    }

    private interface Sender {
        HttpResponse<byte[]> send(ScorerClient client) throws Exception;
    }

    private static FuzzCase fuzzCase(Random random, byte[] seed) throws IOException {
        byte[] image = damagedImage(random, seed);
        String boundary = "fuzz" + random.nextInt(1_000_000);
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> {
                String type = pick(random, "image/png", "image/jpeg", "image/webp", "image", "image/", "*/*", "text/plain",
                        "application/octet-stream", "image/png; q=x", "multipart/form-data");
                yield new FuzzCase("raw body as " + type, c -> c.postBody("/v1/score", type, image));
            }
            case 3 -> new FuzzCase("multipart field image",
                    c -> c.postMultipart("/v1/score", List.of(new Part("image", "fuzz.png", image))));
            case 4 -> {
                List<Part> parts = new ArrayList<>();
                int count = 1 + random.nextInt(4);
                for (int p = 0; p < count; p++) {
                    parts.add(new Part("image", "part" + p + ".png", damagedImage(random, seed)));
                }
                yield new FuzzCase("batch of " + count, c -> c.postMultipart("/v1/score/batch", parts));
            }
            case 5 -> {
                byte[] body = brokenMultipart(random, boundary, image);
                String type = pick(random, "multipart/form-data; boundary=" + boundary, "multipart/form-data",
                        "multipart/form-data; boundary=other", "multipart/mixed; boundary=" + boundary);
                String path = pick(random, "/v1/score", "/v1/score/batch");
                yield new FuzzCase("broken multipart to " + path + " as " + type, c -> c.postBody(path, type, body));
            }
            case 6 -> {
                String method = pick(random, "GET", "PUT", "DELETE", "PATCH", "OPTIONS");
                String path = pick(random, "/v1/score", "/v1/score/batch", "/v1/reload", "/v1/model", "/v1/nothing");
                yield new FuzzCase(method + " " + path, c -> c.send(method, path, method.equals("GET") ? null : image));
            }
            default -> {
                // the parser writes a temporary file per part: a few of these are enough, and keep the fuzz near a minute
                if (random.nextInt(4) > 0) {
                    yield new FuzzCase("multipart field image, JPEG type", c -> c.postBody("/v1/score", "image/jpeg", image));
                }
                int count = pick(random, 1000, 1001, 1500);
                List<Part> parts = Collections.nCopies(count, new Part("f", "x.png", new byte[] {1}));
                yield new FuzzCase(count + " parts", c -> c.postMultipart("/v1/score/batch", parts));
            }
        };
    }

    /** A damaged image: flipped bits, cut short, a lying header, random bytes, or another format's start. */
    private static byte[] damagedImage(Random random, byte[] seed) throws IOException {
        return switch (random.nextInt(8)) {
            case 0 -> {
                byte[] flipped = seed.clone();
                for (int f = 1 + random.nextInt(8); f > 0; f--) {
                    flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield flipped;
            }
            case 1 -> TestImages.truncated(seed, random.nextDouble());
            case 2 -> seed[0] == (byte) 0x89
                    ? TestImages.withChunkCrcsFixed(TestImages.flipped(seed, TestImages.firstImageData(seed) + random.nextInt(50), 4))
                    : TestImages.flipped(seed, seed.length / 2, 4);
            case 3 -> seed[0] == (byte) 0x89
                    ? TestImages.pngClaimingSize(seed, 1 + random.nextInt(100_000), 1 + random.nextInt(100_000))
                    : TestImages.truncated(seed, 0.1);
            case 4 -> {
                byte[] noise = new byte[random.nextInt(3000)];
                random.nextBytes(noise);
                yield noise;
            }
            case 5 -> {
                byte[] start = pick(random, "RIFF\u0010\0\0\0WEBPVP8 ", "P6\n2 2\n255\n", "\0\0\u0001\0\u0001\0\u0010\u0010",
                        "GIF89a", "BM", "II*\0", "\u0089PNG\r\n\u001a\n").getBytes(StandardCharsets.ISO_8859_1);
                byte[] file = new byte[start.length + random.nextInt(200)];
                random.nextBytes(file);
                System.arraycopy(start, 0, file, 0, start.length);
                yield file;
            }
            case 6 -> TestImages.noise(1 + random.nextInt(31), 1 + random.nextInt(200), random.nextBoolean() ? "png" : "jpeg");
            default -> new byte[random.nextInt(2)];
        };
    }

    private static byte[] brokenMultipart(Random random, String boundary, byte[] image) throws IOException {
        byte[] complete = ScorerClient.multipartBody(boundary, List.of(new Part("image", "a.png", image)));
        return switch (random.nextInt(4)) {
            case 0 -> TestImages.truncated(complete, random.nextDouble());
            case 1 -> ("--" + boundary + "\r\n\r\n" + new String(image, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
            case 2 -> ("--" + boundary + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + boundary + "--\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            default -> TestImages.flipped(complete, random.nextInt(Math.min(complete.length, 120)), 3);
        };
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static <T> List<T> concurrently(int clients, java.util.concurrent.Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
