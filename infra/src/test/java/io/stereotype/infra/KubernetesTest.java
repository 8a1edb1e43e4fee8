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
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** infra/k8s: every manifest deserialised into fabric8's Kubernetes model, then checked object by object. */
class KubernetesTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** Not manifests of the kustomization: the kustomization itself, the Helm values, the secret template. */
    private static final Set<String> NOT_RESOURCES = Set.of("kustomization.yaml", "values-kestra.yaml", "secret.example.yaml");

    static List<HasMetadata> load(Path file) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Object document : Repo.yamlDocuments(file)) {
            if (document == null) {
                continue;
            }
            Object object = SERIALIZATION.unmarshal(SERIALIZATION.asJson(document));
            assertTrue(object instanceof HasMetadata, file.getFileName() + ": not a Kubernetes object: " + document);
            HasMetadata resource = (HasMetadata) object;
            assertEquals(List.of(), ModelCheck.unknownFields(resource), file.getFileName() + " " + resource.getKind() + " has unknown fields");
            objects.add(resource);
        }
        return objects;
    }

    private static List<HasMetadata> resources() {
        List<HasMetadata> all = new ArrayList<>();
        for (Object file : Repo.list(Repo.yaml(Repo.K8S.resolve("kustomization.yaml")), "resources")) {
            all.addAll(load(Repo.K8S.resolve(file.toString())));
        }
        return all;
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast).filter(o -> name.equals(o.getMetadata().getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    static Map<String, Set<String>> secretTemplateKeys() {
        Map<String, Set<String>> keys = new HashMap<>();
        for (HasMetadata object : load(Repo.K8S.resolve("secret.example.yaml"))) {
            Secret secret = (Secret) object;
            Set<String> names = new TreeSet<>();
            if (secret.getStringData() != null) {
                names.addAll(secret.getStringData().keySet());
            }
            if (secret.getData() != null) {
                names.addAll(secret.getData().keySet());
            }
            keys.put(secret.getMetadata().getName(), names);
        }
        return keys;
    }

    @Test
    void kustomizationListsEveryManifestButTheSecretTemplate() throws Exception {
        Map<String, Object> kustomization = Repo.yaml(Repo.K8S.resolve("kustomization.yaml"));
        Set<String> listed = new TreeSet<>(Repo.list(kustomization, "resources").stream().map(Object::toString).toList());
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(Repo.K8S)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).forEach(files::add);
        }
        files.removeAll(NOT_RESOURCES);
        assertEquals(files, listed);
        assertFalse(listed.contains("secret.example.yaml"), "the secret template must stay out of the kustomization");
        assertEquals("stereotype", kustomization.get("namespace"));
        Map<String, String> tags = new LinkedHashMap<>();
        for (Object image : Repo.list(kustomization, "images")) {
            tags.put(String.valueOf(((Map<?, ?>) image).get("name")), String.valueOf(((Map<?, ?>) image).get("newTag")));
        }
        assertEquals(Map.of("ghcr.io/stereotype/scorer", Repo.projectVersion(), "ghcr.io/stereotype/mlflow", Repo.projectVersion()), tags,
                "images are tagged with the project version, as infra/images/build.sh tags them");
        Set<String> deployed = new TreeSet<>();
        resources().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .forEach(d -> d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> deployed.add(c.getImage())));
        assertEquals(tags.keySet(), deployed, "kustomize sets the tag of exactly the images the Deployments use");
    }

    @Test
    void everyWorkloadIsHardened() {
        List<HasMetadata> all = resources();
        List<Deployment> deployments = all.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
        assertEquals(Set.of("scorer", "mlflow"), new TreeSet<>(deployments.stream().map(d -> d.getMetadata().getName()).toList()));
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name);
            assertNotNull(pod.getSecurityContext().getRunAsUser(), name);
            assertTrue(pod.getSecurityContext().getRunAsUser() > 0, name + " runs as root");
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), name);
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), name + " read-only root");
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), name);
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), name);
                ResourceRequirements resources = container.getResources();
                for (String resource : List.of("cpu", "memory")) {
                    assertNotNull(resources.getRequests().get(resource), name + " requests " + resource);
                    assertNotNull(resources.getLimits().get(resource), name + " limits " + resource);
                }
                assertNotNull(container.getReadinessProbe(), name + " readiness probe");
                assertNotNull(container.getLivenessProbe(), name + " liveness probe");
                Set<String> mounted = new TreeSet<>(container.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList());
                assertTrue(mounted.contains("/tmp"), name + " needs a writable /tmp on a read-only root");
                for (VolumeMount mount : container.getVolumeMounts()) {
                    Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                            .orElseThrow(() -> new AssertionError(name + " mounts unknown volume " + mount.getName()));
                    assertNotNull(volume.getEmptyDir(), name + ": " + mount.getName() + " should be an emptyDir");
                }
            }
        }
    }

    @Test
    void scorerDeploymentServesTheConfiguredPortAndHealthPaths() {
        List<HasMetadata> all = resources();
        Deployment scorer = find(all, Deployment.class, "scorer");
        assertEquals(2, scorer.getSpec().getReplicas());
        Container container = scorer.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertEquals(CodeFacts.scorerPort(), container.getPorts().getFirst().getContainerPort(), "quarkus.http.port");
        String portName = container.getPorts().getFirst().getName();
        List<String> health = CodeFacts.scorerHealthPaths();
        assertProbe(container.getReadinessProbe(), health.get(0), portName);
        assertProbe(container.getLivenessProbe(), health.get(1), portName);
        if (container.getStartupProbe() != null) {
            assertProbe(container.getStartupProbe(), health.get(1), portName);
        }
        Map<String, EnvVar> env = env(container);
        String cacheDir = env.get("STEREOTYPE_CACHE_DIR").getValue();
        VolumeMount cache = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(cacheDir)).findFirst()
                .orElseThrow(() -> new AssertionError("the model cache " + cacheDir + " is not a mounted volume"));
        assertNotNull(scorer.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(cache.getName())).findFirst().orElseThrow().getEmptyDir());
        ConfigMap endpoints = find(all, ConfigMap.class, "stereotype-endpoints");
        assertEquals("models:/" + CodeFacts.flowInputDefault("retrain.yaml", "modelName") + "@"
                + CodeFacts.flowInputDefault("promote.yaml", "alias"), endpoints.getData().get("STEREOTYPE_MODEL"));
        assertNotNull(env.get("STEREOTYPE_MODEL").getValueFrom().getConfigMapKeyRef());

        Service service = find(all, Service.class, "scorer");
        assertEquals(scorer.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()), true,
                "the Service selects the scorer pods");
        assertEquals(portName, service.getSpec().getPorts().getFirst().getTargetPort().getStrVal());
    }

    private static void assertProbe(Probe probe, String path, String port) {
        assertNotNull(probe.getHttpGet(), "HTTP probe");
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(port, probe.getHttpGet().getPort().getStrVal());
    }

    private static Map<String, EnvVar> env(Container container) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        container.getEnv().forEach(e -> env.put(e.getName(), e));
        return env;
    }

    @Test
    void autoscalerScalesTheScorerOnCpu() {
        List<HasMetadata> all = resources();
        HorizontalPodAutoscaler hpa = find(all, HorizontalPodAutoscaler.class, "scorer");
        assertEquals("autoscaling/v2", hpa.getApiVersion());
        var target = hpa.getSpec().getScaleTargetRef();
        Deployment deployment = find(all, Deployment.class, target.getName());
        assertEquals("Deployment", target.getKind());
        assertEquals(deployment.getApiVersion(), target.getApiVersion());
        assertEquals(deployment.getSpec().getReplicas(), hpa.getSpec().getMinReplicas(), "the HPA starts where the Deployment does");
        assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas());
        var metric = hpa.getSpec().getMetrics().getFirst();
        assertEquals("Resource", metric.getType());
        assertEquals("cpu", metric.getResource().getName());
        assertEquals("Utilization", metric.getResource().getTarget().getType());
        deployment.getSpec().getTemplate().getSpec().getContainers()
                .forEach(c -> assertNotNull(c.getResources().getRequests().get("cpu"), "CPU utilisation needs a CPU request"));
    }

    @Test
    void secretAndConfigMapReferencesResolve() {
        List<HasMetadata> all = resources();
        assertTrue(all.stream().noneMatch(Secret.class::isInstance), "Secrets with values must not be in the kustomization");
        Map<String, Set<String>> secrets = secretTemplateKeys();
        ConfigMap endpoints = find(all, ConfigMap.class, "stereotype-endpoints");
        int secretRefs = 0;
        for (Deployment deployment : all.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList()) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar var : container.getEnv()) {
                    String where = deployment.getMetadata().getName() + " " + var.getName();
                    if (var.getValueFrom() == null) {
                        assertFalse(var.getName().matches(".*(SECRET|PASSWORD|KEY|_URI)$") && !var.getName().equals("STEREOTYPE_CACHE_DIR"),
                                where + " is given as a plain value");
                        continue;
                    }
                    if (var.getValueFrom().getSecretKeyRef() != null) {
                        var ref = var.getValueFrom().getSecretKeyRef();
                        assertTrue(secrets.containsKey(ref.getName()), where + ": no Secret " + ref.getName() + " in secret.example.yaml");
                        assertTrue(secrets.get(ref.getName()).contains(ref.getKey()), where + ": Secret " + ref.getName() + " has no key " + ref.getKey());
                        secretRefs++;
                    } else {
                        var ref = var.getValueFrom().getConfigMapKeyRef();
                        assertEquals(endpoints.getMetadata().getName(), ref.getName(), where);
                        assertTrue(endpoints.getData().containsKey(ref.getKey()), where + ": ConfigMap has no key " + ref.getKey());
                    }
                }
            }
        }
        assertTrue(secretRefs >= 6, "credentials come from Secrets: " + secretRefs);
        // placeholders in the template are recognisable as such
        for (HasMetadata object : load(Repo.K8S.resolve("secret.example.yaml"))) {
            Secret secret = (Secret) object;
            assertTrue(secret.getData() == null || secret.getData().isEmpty(), "use stringData with placeholders");
            secret.getStringData().forEach((key, value) ->
                    assertTrue(value.contains("<") && value.contains(">"), secret.getMetadata().getName() + "." + key + " is not a <placeholder>"));
        }
        // MLflow's address in the ConfigMap is MLflow's Service
        Service mlflow = find(all, Service.class, "mlflow");
        assertEquals("http://" + mlflow.getMetadata().getName() + ":" + mlflow.getSpec().getPorts().getFirst().getPort(),
                endpoints.getData().get("MLFLOW_TRACKING_URI"));
        assertTrue(endpoints.getData().get("MLFLOW_SERVER_ALLOWED_HOSTS").contains("mlflow:5000"));
    }

    /** Drift: every variable the scorer Deployment sets is one the scorer's code reads. */
    @Test
    void scorerEnvironmentIsReadByTheScorer() {
        Container container = find(resources(), Deployment.class, "scorer").getSpec().getTemplate().getSpec().getContainers().getFirst();
        Set<String> unknown = new TreeSet<>(env(container).keySet());
        unknown.removeAll(CodeFacts.environmentReadBy("scorer"));
        assertEquals(Set.of(), unknown, "scorer Deployment variables the scorer does not read");
    }

    @Test
    void kestraValuesPutDockerRunnerWorkersOnGpuNodes() {
        Path file = Repo.K8S.resolve("values-kestra.yaml");
        Map<String, Object> values = Repo.yaml(file);
        String header = Repo.read(file);
        assertTrue(header.contains("NO Kubernetes task runner"), "say that Kestra OSS has no Kubernetes task runner");
        String composeImage = Repo.at(Repo.yaml(Repo.COMPOSE.resolve("compose.yaml")), "services", "kestra", "image").toString();
        assertEquals(composeImage, Repo.at(values, "image", "repository") + ":" + Repo.at(values, "image", "tag"),
                "the same Kestra version in compose and Kubernetes");
        assertEquals(Boolean.FALSE, Repo.at(values, "deployments", "standalone", "enabled"));
        for (String component : List.of("webserver", "executor", "scheduler", "indexer", "worker", "controller")) {
            assertEquals(Boolean.TRUE, Repo.at(values, "deployments", component, "enabled"), component);
        }
        // Kestra 2.0: workers reach the controller's Service (<release>-controller, the chart's gRPC port 50051)
        List<Object> endpoints = Repo.list(values, "configurations", "application", "kestra", "worker", "controllers", "static", "endpoints");
        assertEquals(List.of(Map.of("host", "kestra-controller", "port", 50051)), endpoints);
        assertEquals("STATIC", Repo.at(values, "configurations", "application", "kestra", "worker", "controllers", "type"));
        Map<String, Object> worker = Repo.map(values, "deployments", "worker");
        assertFalse(Repo.map(worker, "nodeSelector").isEmpty(), "GPU workers select GPU nodes");
        List<Toleration> tolerations = Repo.list(worker, "tolerations").stream()
                .map(t -> SERIALIZATION.convertValue(t, Toleration.class)).toList();
        assertTrue(tolerations.stream().anyMatch(t -> "nvidia.com/gpu".equals(t.getKey()) && "NoSchedule".equals(t.getEffect())), tolerations.toString());
        ResourceRequirements resources = SERIALIZATION.convertValue(Repo.map(worker, "resources"), ResourceRequirements.class);
        assertEquals(List.of(), ModelCheck.unknownFields(resources));
        assertNotNull(resources.getLimits().get("nvidia.com/gpu"), "GPU workers hold nvidia.com/gpu");
        List<Volume> volumes = Repo.list(worker, "extraVolumes").stream().map(v -> SERIALIZATION.convertValue(v, Volume.class)).toList();
        assertTrue(volumes.stream().anyMatch(v -> v.getHostPath() != null && "/var/run/docker.sock".equals(v.getHostPath().getPath())),
                "the Docker runner uses the node's Docker");
        assertTrue(Repo.list(worker, "extraVolumeMounts").stream().map(m -> SERIALIZATION.convertValue(m, VolumeMount.class))
                .anyMatch(m -> "/var/run/docker.sock".equals(m.getMountPath())));
        assertEquals(Boolean.FALSE, Repo.at(values, "dind", "enabled"));
        // every component loads the Stereotype plugin from /app/plugins
        VolumeMount plugin = Repo.list(values, "common", "extraVolumeMounts").stream()
                .map(m -> SERIALIZATION.convertValue(m, VolumeMount.class))
                .filter(m -> m.getMountPath().startsWith("/app/plugins/")).findFirst()
                .orElseThrow(() -> new AssertionError("the plugin jar is not mounted into /app/plugins"));
        assertTrue(Repo.list(values, "common", "extraVolumes").stream().map(v -> SERIALIZATION.convertValue(v, Volume.class))
                .anyMatch(v -> v.getName().equals(plugin.getName()) && v.getConfigMap() != null), "plugin volume " + plugin.getName());
        // the Secrets the values name are in the template
        Map<String, Set<String>> secrets = secretTemplateKeys();
        for (Object ref : Repo.list(values, "common", "extraEnvFrom")) {
            String name = String.valueOf(Repo.at(ref, "secretRef", "name"));
            assertTrue(secrets.containsKey(name), "no Secret " + name + " in secret.example.yaml");
            for (String secret : CodeFacts.flowSecrets()) {
                assertTrue(secrets.get(name).contains("SECRET_" + secret), name + " must provide the flow secret " + secret);
            }
        }
        for (Object ref : Repo.list(values, "configurations", "secrets")) {
            String name = String.valueOf(Repo.at(ref, "name"));
            assertTrue(secrets.getOrDefault(name, Set.of()).contains(String.valueOf(Repo.at(ref, "key"))), "Secret " + name);
        }
    }
}
