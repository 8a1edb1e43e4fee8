package io.stereotype.mlops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * MLflow's REST API read directly, independently of the code under test, so tests assert what the
 * server actually stored.
 */
public final class MlflowApi {
    private final URI trackingUri;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();

    public MlflowApi(URI trackingUri) {
        this.trackingUri = trackingUri;
    }

    /** GET {@code /api/2.0/<path>} with query parameters given as name, value, name, value...; fails unless HTTP 200. */
    public JsonNode get(String path, String... query) throws Exception {
        StringBuilder uri = new StringBuilder(trackingUri + "/api/2.0/" + path);
        for (int i = 0; i < query.length; i += 2) {
            uri.append(i == 0 ? '?' : '&').append(query[i]).append('=').append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + uri + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** POST a JSON body to {@code /api/2.0/<path>}, e.g. to set up what another MLflow client would have made; fails unless HTTP 200. */
    public JsonNode post(String path, Object body) throws Exception {
        URI uri = URI.create(trackingUri + "/api/2.0/" + path);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("POST " + uri + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
