package io.stereotype.mlops.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereotype.mlops.Failures;
import io.stereotype.mlops.Retrier;
import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.ServiceAccessDeniedException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * MLflow's REST API over {@code java.net.http}, for what the Java client lacks: registry writes,
 * alias deletion and uploads through the artifact proxy. Every call is retried on network failures
 * and 5xx/429 answers; other error answers become {@link MlflowException}.
 */
public final class MlflowRest {
    private static final String API = "/api/2.0/mlflow/";
    private static final String ARTIFACTS_API = "/api/2.0/mlflow-artifacts/artifacts/";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final MlflowSettings settings;
    private final Retrier retrier;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public MlflowRest(MlflowSettings settings, RetryPolicy retryPolicy) {
        this.settings = settings;
        this.retrier = new Retrier("MLflow", settings.endpoint(), retryPolicy, MlflowRest::isTransient);
        // HTTP/1.1: MLflow's server (uvicorn) refuses the h2c upgrade java.net.http would otherwise attempt
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** A retrier for other calls to the same server (the typed Java client), with the same policy and classification. */
    public Retrier retrier() {
        return retrier;
    }

    /** Failures worth another attempt against an MLflow server. */
    public static boolean isTransient(Throwable failure) {
        return failure instanceof MlflowException mlflow ? mlflow.isTransient() : Failures.isNetworkFailure(failure);
    }

    /**
     * The exception for an error answer: refused credentials (401, 403) name the server and the settings to check,
     * others become {@link MlflowException}. Also for the typed Java client's errors.
     */
    public RuntimeException failure(String request, int statusCode, String body) {
        if (statusCode == 401 || statusCode == 403) {
            return new ServiceAccessDeniedException("MLflow", settings.endpoint(), "HTTP " + statusCode + " on " + request,
                    "MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN", null);
        }
        return MlflowException.fromResponse(request, statusCode, body);
    }

    /** GET {@code /api/2.0/mlflow/<endpoint>?<query>}. */
    public JsonNode get(String endpoint, Map<String, String> query) {
        String queryString = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send("GET " + endpoint, request(API + endpoint + (queryString.isEmpty() ? "" : "?" + queryString)).GET());
    }

    /** POST a JSON body to {@code /api/2.0/mlflow/<endpoint>}. */
    public JsonNode post(String endpoint, Object body) {
        return send("POST " + endpoint, request(API + endpoint).POST(jsonBody(body)));
    }

    /** DELETE with a JSON body, as MLflow's own clients send it. */
    public JsonNode delete(String endpoint, Object body) {
        return send("DELETE " + endpoint, request(API + endpoint).method("DELETE", jsonBody(body)));
    }

    /**
     * Uploads a file through the server's artifact proxy.
     *
     * @param rawArtifactPath path under the server's artifact destination, URI-encoded
     *                        (the path of a {@code mlflow-artifacts:} URI)
     */
    public void putArtifact(String rawArtifactPath, Path file) {
        String path = rawArtifactPath.replaceAll("^/+", "");
        String request = "artifact upload of " + file + " to " + path;
        HttpRequest.BodyPublisher content;
        try {
            content = HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("local artifact file not found: " + file, e);
        }
        HttpRequest put = request(ARTIFACTS_API + path).PUT(content).build();
        retrier.call(request, () -> execute(request, put));
    }

    private JsonNode send(String request, HttpRequest.Builder builder) {
        HttpRequest httpRequest = builder.build();
        return retrier.call(request, () -> execute(request, httpRequest));
    }

    private JsonNode execute(String request, HttpRequest httpRequest) {
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(Failures.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during MLflow " + request, e);
        }
        if (response.statusCode() >= 400) {
            throw failure(request, response.statusCode(), response.body());
        }
        String body = response.body();
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new MlflowException(request, response.statusCode(), "", "answer is not JSON: " + e.getMessage());
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.trackingUri() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json");
        if (settings.token() != null) {
            builder.header("Authorization", "Bearer " + settings.token());
        } else if (settings.username() != null) {
            String credentials = settings.username() + ":" + (settings.password() == null ? "" : settings.password());
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write request body as JSON: " + body, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
