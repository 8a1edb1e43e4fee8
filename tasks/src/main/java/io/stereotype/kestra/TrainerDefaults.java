package io.stereotype.kestra;

import io.kestra.core.models.property.Property;
import io.kestra.plugin.scripts.runner.docker.DeviceRequest;
import io.kestra.plugin.scripts.runner.docker.Docker;
import io.kestra.plugin.scripts.runner.docker.PullPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where and how the trainer runs when a flow says nothing: its images (tagged with this plugin's version, so a
 * plugin release and the trainer it was tested with travel together), the command inside them, and the Docker
 * runner that gives training steps a GPU.
 */
final class TrainerDefaults {
    static final String VERSION = pluginVersion();
    static final String CPU_IMAGE = "ghcr.io/stereotype/trainer:" + VERSION;
    static final String CUDA_IMAGE = "ghcr.io/stereotype/trainer-cuda:" + VERSION;
    /** The Quarkus fast-jar launcher inside both images. */
    static final List<String> IMAGE_COMMAND = List.of("java", "-jar", "/app/quarkus-run.jar");
    /**
     * The trainer's credentials (variable = Kestra secret of the same name): the S3 keys and MLflow's basic
     * authentication. Addresses (MLFLOW_TRACKING_URI, AWS_ENDPOINT_URL_S3, AWS_REGION) are not secret and stay in `env`.
     */
    static final Map<String, String> CREDENTIAL_SECRETS = Map.of(
        "AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY",
        "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_USERNAME",
        "MLFLOW_TRACKING_PASSWORD", "MLFLOW_TRACKING_PASSWORD",
        "MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_TOKEN");

    private TrainerDefaults() {
    }

    /**
     * The Docker runner with one NVIDIA GPU, like {@code docker run --gpus 1}. Docker resolves a count to the first
     * devices of the node, so steps that run at once name their own device instead ({@code gpuDevices}).
     */
    static Docker gpuDockerRunner() {
        return Docker.builder()
            .type(Docker.class.getName())
            .pullPolicy(Property.ofValue(PullPolicy.IF_NOT_PRESENT))
            .deviceRequests(List.of(DeviceRequest.builder()
                .driver(Property.ofValue("nvidia"))
                .count(Property.ofValue(1))
                .capabilities(Property.ofValue(List.of(List.of("gpu"))))
                .build()))
            .build();
    }

    private static String pluginVersion() {
        try (InputStream in = TrainerDefaults.class.getResourceAsStream("plugin.properties")) {
            if (in == null) {
                throw new IllegalStateException("plugin.properties is missing from the Stereotype plugin jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Stereotype plugin version", e);
        }
    }
}
