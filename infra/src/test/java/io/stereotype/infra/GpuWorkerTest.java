package io.stereotype.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * infra/k8s/gpu-worker: the GPU Kestra workers for clusters without a Docker socket, read into fabric8's Kubernetes
 * model. One GPU per pod from the device plugin, no Docker socket or host path, the controller of the chart release.
 */
class GpuWorkerTest {
    private static final Path FOLDER = Repo.K8S.resolve("gpu-worker");
    private static final String IMAGE = "ghcr.io/stereotype/kestra-gpu-worker";

    private static List<HasMetadata> resources() {
        return Repo.list(Repo.yaml(FOLDER.resolve("kustomization.yaml")), "resources").stream()
                .flatMap(file -> KubernetesTest.load(FOLDER.resolve(file.toString())).stream()).toList();
    }

    private static Deployment worker() {
        return resources().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no GPU worker Deployment in " + FOLDER));
    }

    @Test
    void kustomizationDeploysTheWorkerImageOfThisVersionIntoKestrasNamespace() {
        Map<String, Object> kustomization = Repo.yaml(FOLDER.resolve("kustomization.yaml"));
        assertEquals("kestra", kustomization.get("namespace"), "beside the chart release, which reads the same Secrets");
        Map<?, ?> image = (Map<?, ?>) Repo.list(kustomization, "images").getFirst();
        assertEquals(IMAGE, image.get("name"));
        assertEquals(Repo.projectVersion(), image.get("newTag"), "tagged as infra/images/build.sh tags it");
        assertEquals(List.of(IMAGE), worker().getSpec().getTemplate().getSpec().getContainers().stream().map(Container::getImage).toList());
    }

    @Test
    void everyWorkerContainerHoldsExactlyOneGpuOnAGpuNode() {
        PodSpec pod = worker().getSpec().getTemplate().getSpec();
        assertEquals("true", pod.getNodeSelector().get("nvidia.com/gpu.present"), "GPU nodes");
        assertTrue(pod.getTolerations().stream().anyMatch(t -> "nvidia.com/gpu".equals(t.getKey()) && "NoSchedule".equals(t.getEffect())),
                "tolerates the GPU nodes' taint");
        for (Container container : pod.getContainers()) {
            Quantity gpus = container.getResources().getLimits().get("nvidia.com/gpu");
            assertNotNull(gpus, container.getName() + " has no nvidia.com/gpu limit");
            assertEquals(1, gpus.getNumericalAmount().intValueExact(), container.getName() + ": one GPU per pod");
            assertTrue(container.getArgs().contains("--thread=1"), container.getName() + ": one task, so one training step, per GPU");
            EnvVar growth = container.getEnv().stream().filter(e -> e.getName().equals("TF_FORCE_GPU_ALLOW_GROWTH")).findFirst()
                    .orElseThrow(() -> new AssertionError(container.getName() + " does not set TF_FORCE_GPU_ALLOW_GROWTH"));
            assertEquals("true", growth.getValue());
            assertNotNull(container.getResources().getRequests().get("memory"), "memory request");
            assertNotNull(container.getResources().getLimits().get("memory"), "memory limit");
        }
    }

    @Test
    void noDockerSocketNoHostPathNoRoot() {
        for (Path file : Repo.files(FOLDER, ".yaml")) {
            assertFalse(Repo.read(file).contains("docker.sock"), file.getFileName() + " mentions the Docker socket");
        }
        PodSpec pod = worker().getSpec().getTemplate().getSpec();
        for (Volume volume : pod.getVolumes()) {
            assertEquals(null, volume.getHostPath(), volume.getName() + " is a host path");
        }
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertTrue(pod.getSecurityContext().getRunAsUser() > 0, "not root");
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        for (Container container : pod.getContainers()) {
            assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), container.getName());
            assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), container.getName());
            assertFalse(Boolean.TRUE.equals(container.getSecurityContext().getPrivileged()), container.getName());
        }
        // the chart's own workers, the ones that mount the socket, are off when this path is used
        Map<String, Object> overlay = Repo.yaml(FOLDER.resolve("values-kestra-gpu-worker.yaml"));
        assertEquals(Map.of("deployments", Map.of("worker", Map.of("enabled", false))), overlay,
                "the overlay switches off the chart's Docker-socket workers and nothing else");
    }

    @Test
    void workerReadsTheControllerOfTheReleaseAndItsSecrets() {
        Container container = worker().getSpec().getTemplate().getSpec().getContainers().getFirst();
        PodSpec pod = worker().getSpec().getTemplate().getSpec();
        String files = container.getEnv().stream().filter(e -> e.getName().equals("MICRONAUT_CONFIG_FILES")).findFirst()
                .orElseThrow(() -> new AssertionError("MICRONAUT_CONFIG_FILES")).getValue();
        Set<String> sources = new TreeSet<>();
        for (String file : files.split(",")) {
            String folder = file.substring(0, file.lastIndexOf('/'));
            String name = file.substring(file.lastIndexOf('/') + 1);
            VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(folder)).findFirst()
                    .orElseThrow(() -> new AssertionError(file + " is not in a mounted volume"));
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            if (volume.getConfigMap() != null) {
                ConfigMap config = resources().stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                        .filter(c -> c.getMetadata().getName().equals(volume.getConfigMap().getName())).findFirst()
                        .orElseThrow(() -> new AssertionError("no ConfigMap " + volume.getConfigMap().getName()));
                assertTrue(config.getData().containsKey(name), "ConfigMap has no " + name);
                assertControllerOfTheRelease(config.getData().get(name));
                sources.add("configMap");
            } else {
                String secret = volume.getSecret().getSecretName();
                Set<String> keys = KubernetesTest.secretTemplateKeys().get(secret);
                assertNotNull(keys, "no Secret " + secret + " in secret.example.yaml");
                assertTrue(keys.contains(name), "Secret " + secret + " has no key " + name);
                sources.add("secret");
            }
        }
        assertEquals(Set.of("configMap", "secret"), sources, "the controller endpoint and the release's database and storage");
        String flowSecrets = container.getEnvFrom().getFirst().getSecretRef().getName();
        assertTrue(KubernetesTest.secretTemplateKeys().containsKey(flowSecrets), flowSecrets);
        assertTrue(Repo.list(Repo.yaml(Repo.K8S.resolve("values-kestra.yaml")), "common", "extraEnvFrom").stream()
                .anyMatch(ref -> flowSecrets.equals(Repo.at(ref, "secretRef", "name"))), "the flow secrets of the chart's components");
    }

    /** Host `<release>-controller` (the chart's Service), port 50051, and the same endpoints as the chart's workers, if they set any. */
    private static void assertControllerOfTheRelease(String applicationYaml) {
        Object config = new Load(LoadSettings.builder().build()).loadFromString(applicationYaml);
        Object controllers = Repo.at(config, "kestra", "worker", "controllers");
        assertEquals("STATIC", Repo.at(controllers, "type"));
        Map<?, ?> endpoint = (Map<?, ?>) Repo.list(controllers, "static", "endpoints").getFirst();
        Matcher release = Pattern.compile("helm upgrade --install (\\S+) ").matcher(Repo.read(Repo.K8S.resolve("values-kestra.yaml")));
        assertTrue(release.find(), "values-kestra.yaml names its release");
        assertEquals(release.group(1) + "-controller", endpoint.get("host"));
        assertEquals(50051, endpoint.get("port"));
        Map<String, Object> application = Repo.map(Repo.yaml(Repo.K8S.resolve("values-kestra.yaml")), "configurations", "application");
        if (Repo.map(application, "kestra").containsKey("worker")) {
            assertEquals(Repo.at(application, "kestra", "worker", "controllers"), controllers, "the chart's workers' endpoints");
        }
    }
}
