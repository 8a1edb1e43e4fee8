package io.stereotype.kestra;

import io.kestra.core.models.property.Property;
import io.kestra.plugin.scripts.runner.docker.DeviceRequest;
import io.kestra.plugin.scripts.runner.docker.Docker;
import io.kestra.plugin.scripts.runner.docker.PullPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
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

    private TrainerDefaults() {
    }

    /** The Docker runner with every NVIDIA GPU of the node, like {@code docker run --gpus all}. */
    static Docker gpuDockerRunner() {
        return Docker.builder()
            .type(Docker.class.getName())
            .pullPolicy(Property.ofValue(PullPolicy.IF_NOT_PRESENT))
            .deviceRequests(List.of(DeviceRequest.builder()
                .driver(Property.ofValue("nvidia"))
                .count(Property.ofValue(-1))
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
