package io.stereotype.scorer.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Plain HTTP calls to a running scorer, with the responses kept raw for assertions. */
final class ScorerClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String apiKey;
    private final String adminKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param apiKey sent as X-API-Key, @param adminKey as X-Admin-Key, each unless null */
    ScorerClient(URI base, String apiKey, String adminKey) {
        this.base = base;
        this.apiKey = apiKey;
        this.adminKey = adminKey;
    }

    ScorerClient(URI base, String apiKey) {
        this(base, apiKey, null);
    }

    HttpResponse<byte[]> postBody(String path, String contentType, byte[] body, String... headers) throws Exception {
        return send(request(path, headers).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** One file of a multipart form. */
    record Part(String field, String fileName, byte[] bytes) {
    }

    HttpResponse<byte[]> postMultipart(String path, List<Part> parts) throws Exception {
        String boundary = "scorer-it-" + UUID.randomUUID();
        return postBody(path, "multipart/form-data; boundary=" + boundary, multipartBody(boundary, parts));
    }

    /** A complete multipart/form-data body with these parts. */
    static byte[] multipartBody(String boundary, List<Part> parts) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.field() + "\"; filename=\""
                    + part.fileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(part.bytes());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    HttpResponse<byte[]> post(String path, String... headers) throws Exception {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Any method, with an optional body (null: none) and no Content-Type unless given in the headers. */
    HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) throws Exception {
        return send(request(path, headers).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send(request(path, headers).GET());
    }

    static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (apiKey != null) {
            builder.header("X-API-Key", apiKey);
        }
        if (adminKey != null) {
            builder.header("X-Admin-Key", adminKey);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
