package io.stereotype.scorer.bench;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/**
 * Load benchmark against a running scorer: N concurrent clients send one image to POST /v1/score
 * until a fixed number of requests is done; prints throughput, latency percentiles and errors.
 * Needs only the JDK, so it runs straight from its source file:
 *
 * <pre>
 * java services/scorer/src/test/java/io/stereotype/scorer/bench/ScoreBenchmark.java \
 *     --url http://127.0.0.1:8080 --image some.png --clients 4 --requests 400 [--warmup 20] [--api-key KEY]
 *     [--batch N] [--accept 200,413]
 * </pre>
 *
 * Instead of {@code --image}, {@code --worst-case rgb16|grey --size 4096} sends a generated all-zero
 * PNG (16-bit RGB or 8-bit grey): a small file that is a huge image. {@code --batch N} sends the
 * image N times as one multipart request to /v1/score/batch. {@code --accept} lists the statuses that
 * count as answered (default 200), e.g. 413 to time how fast an oversized image is refused.
 * Exits with 1 if any request got another status.
 */
public final class ScoreBenchmark {

    /** Latencies in milliseconds of the answered requests (an accepted status), and the others by HTTP status (0 = no response). */
    public record Result(int clients, int requests, double seconds, double[] latenciesMs, Map<Integer, Integer> errors) {

        public double throughput() {
            return requests / seconds;
        }

        public double percentileMs(double p) {
            if (latenciesMs.length == 0) {
                return Double.NaN;
            }
            double[] sorted = latenciesMs.clone();
            Arrays.sort(sorted);
            // nearest rank
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        public int errorCount() {
            return errors.values().stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d clients, %d requests in %.1f s: %.1f requests/s, p50 %.1f ms, p99 %.1f ms,"
                            + " max %.1f ms, errors %d %s", clients, requests, seconds, throughput(), percentileMs(50),
                    percentileMs(99), percentileMs(100), errorCount(), errors.isEmpty() ? "" : errors);
        }
    }

    private final URI endpoint;
    private final byte[] image;
    private final String contentType;
    private final String apiKey;
    private final Set<Integer> accepted;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ScoreBenchmark(URI base, byte[] image, String contentType, String apiKey) {
        this(base.resolve("/v1/score"), image, contentType, apiKey, Set.of(200));
    }

    private ScoreBenchmark(URI endpoint, byte[] body, String contentType, String apiKey, Set<Integer> accepted) {
        this.endpoint = endpoint;
        this.image = body;
        this.contentType = contentType;
        this.apiKey = apiKey;
        this.accepted = accepted;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        byte[] image;
        String type = "image/png";
        if (options.containsKey("worst-case")) {
            image = worstCase(options.get("worst-case"), Integer.parseInt(options.getOrDefault("size", "4096")));
        } else {
            Path file = Path.of(require(options, "image"));
            image = Files.readAllBytes(file);
            type = file.toString().toLowerCase(Locale.ROOT).endsWith(".png") ? "image/png" : "image/jpeg";
        }
        URI base = URI.create(options.getOrDefault("url", "http://127.0.0.1:8080"));
        Set<Integer> accepted = Arrays.stream(options.getOrDefault("accept", "200").split(","))
                .map(String::trim).map(Integer::valueOf).collect(Collectors.toSet());
        ScoreBenchmark benchmark;
        if (options.containsKey("batch")) {
            String boundary = "score-benchmark";
            benchmark = new ScoreBenchmark(base.resolve("/v1/score/batch"), batch(boundary, image, Integer.parseInt(options.get("batch"))),
                    "multipart/form-data; boundary=" + boundary, options.get("api-key"), accepted);
        } else {
            benchmark = new ScoreBenchmark(base.resolve("/v1/score"), image, type, options.get("api-key"), accepted);
        }
        System.out.println("request body: " + benchmark.image.length + " bytes");
        int clients = Integer.parseInt(options.getOrDefault("clients", "4"));
        benchmark.run(clients, Integer.parseInt(options.getOrDefault("warmup", "20")));
        Result result = benchmark.run(clients, Integer.parseInt(options.getOrDefault("requests", "400")));
        System.out.println(result);
        System.exit(result.errorCount() == 0 ? 0 : 1);
    }

    /** Sends {@code requests} requests from {@code clients} threads, each taking the next request as soon as it is done. */
    public Result run(int clients, int requests) throws Exception {
        AtomicInteger remaining = new AtomicInteger(requests);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<ClientLog>> logs = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            logs.add(pool.submit(() -> {
                ClientLog log = new ClientLog();
                while (remaining.getAndDecrement() > 0) {
                    log.add(send());
                }
                return log;
            }));
        }
        List<Double> latencies = new ArrayList<>();
        Map<Integer, Integer> errors = new TreeMap<>();
        for (Future<ClientLog> log : logs) {
            latencies.addAll(log.get().latenciesMs);
            log.get().errors.forEach((status, count) -> errors.merge(status, count, Integer::sum));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(clients, requests, seconds, latencies.stream().mapToDouble(Double::doubleValue).toArray(), errors);
    }

    /** One request's HTTP status (0 when it got no response) and latency. */
    private record Outcome(int status, double millis) {
    }

    private Outcome send() {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(image));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        long start = System.nanoTime();
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            status = 0;
        }
        return new Outcome(status, (System.nanoTime() - start) / 1e6);
    }

    /** An all-zero PNG of side {@code size}: 16-bit RGB ({@code rgb16}) or 8-bit grey ({@code grey}). */
    private static byte[] worstCase(String kind, int size) throws IOException {
        BufferedImage image = switch (kind) {
            case "rgb16" -> {
                ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {16, 16, 16},
                        false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
                yield new BufferedImage(model, model.createCompatibleWritableRaster(size, size), false, null);
            }
            case "grey" -> new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
            default -> throw new IllegalArgumentException("--worst-case must be rgb16 or grey, got " + kind);
        };
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    private static byte[] batch(String boundary, byte[] image, int count) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + i
                    + ".png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(image);
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private final class ClientLog {
        final List<Double> latenciesMs = new ArrayList<>();
        final Map<Integer, Integer> errors = new TreeMap<>();

        void add(Outcome outcome) {
            if (accepted.contains(outcome.status())) {
                latenciesMs.add(outcome.millis());
            } else {
                errors.merge(outcome.status(), 1, Integer::sum);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
