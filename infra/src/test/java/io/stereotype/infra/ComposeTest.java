package io.stereotype.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** infra/compose: services, health checks, ports, volumes, secrets, and the names they share with the code. */
class ComposeTest {
    private static final Path FILE = Repo.COMPOSE.resolve("compose.yaml");
    private static final Path GPU_FILE = Repo.COMPOSE.resolve("compose.gpu.yaml");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
    /** Variables holding credentials: never a default value, always required with a message. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|_KEY|_USER)$");
    private static final Set<String> SERVICES = Set.of("postgres", "minio", "minio-init", "mlflow", "kestra", "scorer");
    private static final Set<String> ONE_SHOT = Set.of("minio-init");

    private final Map<String, Object> compose = Repo.yaml(FILE);

    private Map<String, Object> service(String name) {
        return Repo.map(compose, "services", name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Object env = service.get("environment");
        Map<String, String> values = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
        } else if (env != null) {
            fail("environment must be a mapping: " + env);
        }
        return values;
    }

    @Test
    void hasTheStackAndEveryLongRunningServiceHasAHealthCheck() {
        assertEquals(SERVICES, Repo.map(compose, "services").keySet());
        for (String name : SERVICES) {
            Map<String, Object> service = service(name);
            if (ONE_SHOT.contains(name)) {
                assertEquals("no", service.get("restart"), name + " runs once");
                continue;
            }
            assertEquals("unless-stopped", service.get("restart"), name);
            List<Object> test = Repo.list(service, "healthcheck", "test");
            assertTrue(test.size() >= 2 && Set.of("CMD", "CMD-SHELL").contains(test.getFirst()), name + " health check: " + test);
            for (String timing : List.of("interval", "timeout", "retries")) {
                assertTrue(Repo.map(service, "healthcheck").containsKey(timing), name + " health check needs " + timing);
            }
        }
    }

    @Test
    void imagesArePinnedAndOursUseTheProjectVersion() {
        for (Path file : List.of(FILE, GPU_FILE)) {
            Repo.map(Repo.yaml(file), "services").forEach((name, body) -> {
                Object image = ((Map<?, ?>) body).get("image");
                if (image == null) {
                    return; // an override of a service declared in compose.yaml
                }
                String original = image.toString();
                // ${NAME:?message} may hold any character: reduce it to ${NAME} before splitting at ':'
                String reference = original.replaceAll("\\$\\{(\\w+)(:\\?[^}]*)?}", "\\${$1}");
                int colon = reference.lastIndexOf(':');
                assertTrue(colon > reference.lastIndexOf('/'), name + " image has no tag: " + reference);
                String tag = reference.substring(colon + 1);
                assertFalse(tag.startsWith("latest") || tag.isBlank(), name + " image is not pinned: " + reference);
                if (reference.startsWith("ghcr.io/stereotype/")) {
                    assertEquals("${STEREOTYPE_VERSION}", tag, name + " must be tagged with the project version: " + original);
                    assertTrue(original.contains("${STEREOTYPE_VERSION:?"), name + ": STEREOTYPE_VERSION must be required: " + original);
                } else {
                    assertTrue(tag.matches(".*\\d.*"), name + " image tag names no version: " + reference);
                }
            });
        }
        assertEquals("ghcr.io/stereotype/scorer", repository(service("scorer")));
        assertEquals("ghcr.io/stereotype/mlflow", repository(service("mlflow")));
        assertTrue(Repo.at(service("kestra"), "image").toString().startsWith("kestra/kestra:v2."), "Kestra 2.x");
        assertEquals(Repo.projectVersion(), envExample().get("STEREOTYPE_VERSION"),
                ".env.example STEREOTYPE_VERSION must be the version the plugin tags its trainer images with");
    }

    private static String repository(Map<String, Object> service) {
        String image = Repo.at(service, "image").toString();
        return image.substring(0, image.indexOf(":${"));
    }

    @Test
    void dependenciesWaitForHealthOrCompletion() {
        Map<String, Object> all = new LinkedHashMap<>(Repo.map(compose, "services"));
        for (Path file : List.of(FILE, GPU_FILE)) {
            Repo.map(Repo.yaml(file), "services").forEach((name, body) -> {
                Object dependsOn = ((Map<?, ?>) body).get("depends_on");
                if (dependsOn == null) {
                    return;
                }
                assertTrue(dependsOn instanceof Map<?, ?>, name + ": depends_on needs conditions, not a list");
                ((Map<?, ?>) dependsOn).forEach((target, spec) -> {
                    String condition = String.valueOf(((Map<?, ?>) spec).get("condition"));
                    Map<?, ?> targetService = (Map<?, ?>) Repo.map(Repo.yaml(file), "services").getOrDefault(target, all.get(target));
                    assertTrue(targetService != null, name + " depends on unknown " + target);
                    switch (condition) {
                        case "service_healthy" -> assertTrue(targetService.containsKey("healthcheck"), target + " has no health check");
                        case "service_completed_successfully" -> assertEquals("no", targetService.get("restart"), target + " must be one-shot");
                        default -> fail(name + " -> " + target + ": condition " + condition);
                    }
                });
            });
        }
        // the order that makes a first start work
        assertEquals(Set.of("postgres", "minio-init", "mlflow"), Repo.map(service("kestra"), "depends_on").keySet());
        assertEquals(Set.of("postgres", "minio-init"), Repo.map(service("mlflow"), "depends_on").keySet());
        assertEquals(Set.of("minio"), Repo.map(service("minio-init"), "depends_on").keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void namedVolumesAreDeclaredAndBindMountsExist() {
        Set<String> declared = Repo.map(compose, "volumes").keySet();
        Set<String> used = new TreeSet<>();
        Repo.map(compose, "services").forEach((name, body) -> {
            for (Object volume : (List<?>) ((Map<String, Object>) body).getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    if (source.startsWith("./")) {
                        assertTrue(Files.isRegularFile(Repo.COMPOSE.resolve(source)), name + " mounts missing " + source);
                    }
                } else {
                    assertTrue(declared.contains(source), name + " uses undeclared volume " + source);
                    used.add(source);
                }
            }
        });
        assertEquals(declared, used, "declared volumes that no service uses");
        assertEquals(Set.of("postgres-data", "minio-data", "kestra-data", "scorer-cache"), declared);
        assertEquals("stereotype", Repo.at(compose, "networks", "default", "name"));
    }

    @Test
    void portsMatchTheServices() {
        assertEquals(List.of(CodeFacts.scorerPort()), containerPorts("scorer"), "scorer port = quarkus.http.port");
        assertEquals(List.of(8080), containerPorts("kestra"), "Kestra UI and API");
        assertEquals(List.of(5000), containerPorts("mlflow"));
        assertEquals(List.of(9000, 9001), containerPorts("minio"));
        for (String name : List.of("scorer", "kestra", "mlflow", "minio")) {
            for (Object port : Repo.list(service(name), "ports")) {
                assertTrue(port.toString().startsWith("${BIND_ADDRESS:-127.0.0.1}:"), name + " publishes on all interfaces: " + port);
            }
        }
    }

    private List<Integer> containerPorts(String name) {
        return Repo.list(service(name), "ports").stream()
                .map(p -> Integer.parseInt(p.toString().substring(p.toString().lastIndexOf(':') + 1))).toList();
    }

    @Test
    void secretsAreRequiredVariablesNeverValues() {
        for (Path file : List.of(FILE, GPU_FILE)) {
            String text = Repo.read(file);
            Matcher m = VARIABLE.matcher(text);
            while (m.find()) {
                if (SECRET_NAME.matcher(m.group(1)).matches()) {
                    assertEquals(":?", m.group(2), file.getFileName() + ": ${" + m.group(1) + "} must be ${NAME:?message}");
                    assertFalse(m.group(3).isBlank(), "${" + m.group(1) + ":?} needs a message");
                }
            }
        }
        Repo.map(compose, "services").forEach((name, body) -> environment((Map<String, Object>) body).forEach((key, value) -> {
            if (key.matches(".*(PASSWORD|SECRET|ACCESS_KEY|API_KEY|WEBHOOK_KEY|_URI)$") || value.contains("password")) {
                if (key.endsWith("_URI") && !value.contains("@")) {
                    return; // an address without credentials
                }
                assertTrue(value.contains("${") && value.contains(":?"), name + "." + key + " must come from a required variable");
                assertFalse(value.replaceAll("\\$\\{[^}]*}", "").matches("(?s).*password:\\s*\"?[^\"$\\s]+.*"),
                        name + "." + key + " holds a password in clear");
            }
        }));
        // Kestra's own configuration: database and basic-auth passwords are variables too
        String kestraConfig = environment(service("kestra")).get("KESTRA_CONFIGURATION");
        for (String line : kestraConfig.lines().filter(l -> l.strip().startsWith("password:")).toList()) {
            assertTrue(line.contains("${") && line.contains(":?"), "Kestra configuration: " + line.strip());
        }
    }

    private static Map<String, String> envExample() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Repo.read(Repo.COMPOSE.resolve(".env.example")).lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                assertTrue(eq > 0, ".env.example: " + line);
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    @Test
    void envExampleDocumentsEveryVariableAndHoldsNoSecret() {
        Set<String> referenced = new TreeSet<>();
        for (Path file : List.of(FILE, GPU_FILE)) {
            Matcher m = VARIABLE.matcher(Repo.read(file));
            while (m.find()) {
                referenced.add(m.group(1));
            }
        }
        Map<String, String> example = envExample();
        assertEquals(referenced, example.keySet(), ".env.example must list exactly the variables compose uses");
        List<String> lines = Repo.read(Repo.COMPOSE.resolve(".env.example")).lines().toList();
        example.forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).matches()) {
                assertEquals("", value, ".env.example must not suggest a value for " + name);
            }
            int index = lines.indexOf(lines.stream().filter(l -> l.startsWith(name + "=")).findFirst().orElseThrow());
            boolean documented = false;
            for (int i = index - 1; i >= 0 && !lines.get(i).isBlank(); i--) {
                documented |= lines.get(i).startsWith("#");
            }
            assertTrue(documented, name + " has no comment above it (or its group) in .env.example");
        });
    }

    @Test
    void kestraRunsTheStandaloneServerWithThePluginAndDocker() {
        Map<String, Object> kestra = service("kestra");
        assertEquals(List.of("server", "standalone"), Repo.list(kestra, "command"));
        List<String> volumes = Repo.list(kestra, "volumes").stream().map(Object::toString).toList();
        assertTrue(volumes.contains("/var/run/docker.sock:/var/run/docker.sock"), "Docker runner needs the socket");
        String plugin = "../../tasks/target/" + CodeFacts.artifactId("tasks") + "-${STEREOTYPE_VERSION:?";
        assertTrue(volumes.stream().anyMatch(v -> v.startsWith(plugin) && v.contains(".jar:/app/plugins/") && v.endsWith(":ro")),
                "the plugin jar (" + plugin + "...) mounted into /app/plugins: " + volumes);
        String trainerMount = volumes.stream().filter(v -> v.startsWith("../../services/trainer/target/quarkus-app:"))
                .findFirst().orElseThrow(() -> new AssertionError("trainer for runner PROCESS not mounted"));
        assertTrue(trainerMount.contains(":/opt/stereotype/trainer"), trainerMount);

        Map<String, Object> config = Repo.yaml(substituted(environment(kestra).get("KESTRA_CONFIGURATION")));
        assertEquals("postgres", Repo.at(config, "kestra", "repository", "type"));
        assertEquals("postgres", Repo.at(config, "kestra", "queue", "type"));
        assertEquals("jdbc:postgresql://postgres:5432/kestra", Repo.at(config, "datasources", "postgres", "url"));
        assertTrue(Repo.read(Repo.COMPOSE.resolve("postgres/init-databases.sh")).contains("CREATE DATABASE kestra OWNER kestra"));

        // the entrypoint turns the plain values into Kestra secrets: the webhook key of the retrain flow among them
        String entrypoint = Repo.read(Repo.COMPOSE.resolve("kestra/entrypoint.sh"));
        for (String secret : CodeFacts.flowSecrets()) {
            assertTrue(entrypoint.contains(" " + secret + " ") || entrypoint.contains(" " + secret + ";"),
                    "flows use secret('" + secret + "'): kestra/entrypoint.sh must provide it");
            assertTrue(environment(kestra).containsKey(secret), "kestra needs " + secret + " in its environment");
        }
        assertEquals(List.of("/bin/sh", "/opt/stereotype/kestra-entrypoint.sh"), Repo.list(kestra, "entrypoint"));
        assertTrue(volumes.contains("./kestra/entrypoint.sh:/opt/stereotype/kestra-entrypoint.sh:ro"));
    }

    /**
     * Runner PROCESS: Kestra's trainer processes get the weights of the trainer image, which build.sh copies out of
     * it into the build tree, at the path and under the variable the trainer images use.
     */
    @Test
    void trainerProcessesGetTheWeightsOfTheTrainerImage() {
        String weights = DockerfileTest.Dockerfile.of("trainer").env().get("STEREOTYPE_DOCTOR_WEIGHTS");
        String imageFolder = weights.substring(0, weights.lastIndexOf('/'));
        assertEquals(weights, environment(service("kestra")).get("STEREOTYPE_DOCTOR_WEIGHTS"), "the path of the trainer images");
        String build = Repo.read(Repo.IMAGES.resolve("build.sh"));
        Matcher copied = Pattern.compile("WEIGHTS=\"([^\"]+)\"").matcher(build);
        assertTrue(copied.find(), "build.sh copies the weights out of the trainer image");
        assertTrue(build.contains("docker cp \"$container:" + imageFolder + "\" \"$WEIGHTS\""), "build.sh copies " + imageFolder);
        assertTrue(build.contains("container=\"$(docker create \"$REGISTRY/trainer:$VERSION\")\""), "from the trainer image just built");
        String source = Repo.COMPOSE.relativize(Repo.ROOT.resolve(copied.group(1))).toString();
        assertTrue(Repo.list(service("kestra"), "volumes").contains(source + ":" + imageFolder + ":ro"),
                "kestra mounts " + source + " read-only at " + imageFolder + ": " + Repo.list(service("kestra"), "volumes"));
    }

    private static Path substituted(String text) {
        try {
            Path file = Files.createTempFile("kestra", ".yml");
            Files.writeString(file, VARIABLE.matcher(text).replaceAll("value"));
            file.toFile().deleteOnExit();
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void bucketsAndDatabasesAreTheOnesTheServicesUse() {
        String init = Repo.read(Repo.COMPOSE.resolve("minio/init-buckets.sh"));
        Matcher buckets = Pattern.compile("for bucket in ([a-z0-9 -]+); do").matcher(init);
        assertTrue(buckets.find(), "init-buckets.sh bucket loop");
        Set<String> created = Set.of(buckets.group(1).strip().split("\\s+"));
        assertEquals(Set.of("stereotype", "mlflow"), created);
        // the retrain flow's work folders
        String work = CodeFacts.flowInputDefault("retrain.yaml", "work").toString();
        assertTrue(work.startsWith("s3://"), work);
        assertTrue(created.contains(work.substring(5, work.indexOf('/', 5))), "bucket of the flow's work URI " + work);
        // MLflow's artifact store
        Map<String, String> mlflow = environment(service("mlflow"));
        String destination = mlflow.get("MLFLOW_ARTIFACTS_DESTINATION");
        assertTrue(created.contains(destination.replaceAll("^s3://([^/]+)/?.*$", "$1")), destination);
        assertEquals("http://minio:9000", mlflow.get("MLFLOW_S3_ENDPOINT_URL"));
        assertTrue(mlflow.get("MLFLOW_BACKEND_STORE_URI").matches("postgresql://mlflow:\\$\\{MLFLOW_DB_PASSWORD:\\?[^}]+}@postgres:5432/mlflow"),
                mlflow.get("MLFLOW_BACKEND_STORE_URI"));
        assertTrue(Repo.read(Repo.COMPOSE.resolve("postgres/init-databases.sh")).contains("CREATE DATABASE mlflow OWNER mlflow"));
        assertTrue(mlflow.get("MLFLOW_SERVER_ALLOWED_HOSTS").contains("mlflow:5000"),
                "MLflow 3 must accept the Host header mlflow:5000 the other services send");
    }

    @Test
    void scorerFollowsProductionOfTheModelTheFlowsRegister() {
        Map<String, String> env = environment(service("scorer"));
        String model = env.get("STEREOTYPE_MODEL");
        assertEquals("models:/" + CodeFacts.flowInputDefault("retrain.yaml", "modelName") + "@"
                + CodeFacts.flowInputDefault("promote.yaml", "alias"), model);
        assertEquals(CodeFacts.flowInputDefault("retrain.yaml", "modelName"), CodeFacts.flowInputDefault("promote.yaml", "modelName"));
        assertEquals("http://mlflow:5000", env.get("MLFLOW_TRACKING_URI"));
        assertEquals("http://" + "minio:9000", env.get("AWS_ENDPOINT_URL_S3"));
        List<Object> health = Repo.list(service("scorer"), "healthcheck", "test");
        assertEquals("http://localhost:" + CodeFacts.scorerPort() + CodeFacts.scorerHealthPaths().getFirst(), health.getLast());
        // read-only root file system with a writable model cache and /tmp
        assertEquals(Boolean.TRUE, service("scorer").get("read_only"));
        assertEquals(List.of("/tmp"), Repo.list(service("scorer"), "tmpfs"));
        assertTrue(Repo.list(service("scorer"), "volumes").contains("scorer-cache:" + env.get("STEREOTYPE_CACHE_DIR")));
    }

    /** Drift: every variable compose gives the trainer (through Kestra) and the scorer is one their code reads. */
    @Test
    void environmentVariablesAreOnesTheCodeReads() {
        Set<String> scorerReads = CodeFacts.environmentReadBy("scorer");
        Set<String> unknown = new TreeSet<>(environment(service("scorer")).keySet());
        unknown.removeAll(scorerReads);
        assertEquals(Set.of(), unknown, "scorer environment the scorer does not read");

        Set<String> trainerReads = CodeFacts.environmentReadBy("trainer");
        Set<String> kestraOwn = new TreeSet<>(Set.of("KESTRA_CONFIGURATION"));
        kestraOwn.addAll(CodeFacts.flowSecrets());
        kestraOwn.addAll(CodeFacts.flowHostVariables());
        unknown = new TreeSet<>(environment(service("kestra")).keySet());
        unknown.removeAll(kestraOwn);
        unknown.removeAll(trainerReads);
        unknown.removeAll(KnownVariables.RUNTIME);
        assertEquals(Set.of(), unknown, "kestra environment meant for the trainer that the trainer does not read");
        for (String name : List.of("MLFLOW_TRACKING_URI", "AWS_ENDPOINT_URL_S3", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
            assertTrue(environment(service("kestra")).containsKey(name), "trainer processes need " + name);
        }
    }

    @Test
    void webhookAndScheduledRetrainsGetTheTrainerEnvironmentAndNetworkByDefault() {
        Map<String, String> kestra = environment(service("kestra"));
        assertEquals(Set.of("ENV_STEREOTYPE_DOCKER_NETWORK", "ENV_STEREOTYPE_TRAINER_ENV"), CodeFacts.flowHostVariables());
        assertEquals(Repo.at(compose, "networks", "default", "name"), kestra.get("ENV_STEREOTYPE_DOCKER_NETWORK"));
        // JSON is YAML: the flows' JSON input takes this text as it is
        @SuppressWarnings("unchecked")
        Map<String, String> trainerEnv = (Map<String, String>) new org.snakeyaml.engine.v2.api.Load(
                org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(kestra.get("ENV_STEREOTYPE_TRAINER_ENV"));
        Set<String> known = new TreeSet<>(CodeFacts.environmentReadBy("trainer"));
        known.addAll(KnownVariables.RUNTIME);
        assertEquals(Set.of(), difference(trainerEnv.keySet(), known), "trainerEnv variables the trainer does not read");
        for (String name : List.of("MLFLOW_TRACKING_URI", "AWS_ENDPOINT_URL_S3", "AWS_REGION")) {
            assertEquals(kestra.get(name), trainerEnv.get(name), "trainer containers get the same " + name + " as processes");
        }
        // inputs are stored with every execution: credentials reach the steps as Kestra secrets (the plugin's
        // credentialSecrets), which the entrypoint makes of the plain variables
        for (String credential : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
            assertFalse(trainerEnv.containsKey(credential), "trainerEnv must not carry " + credential);
            assertTrue(Repo.read(Repo.COMPOSE.resolve("kestra/entrypoint.sh")).contains(credential), "the entrypoint makes a secret of " + credential);
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    @Test
    void gpuVariantChecksTheToolkitWithTheCudaTrainerImage() {
        Map<String, Object> gpu = Repo.yaml(GPU_FILE);
        Map<String, Object> check = Repo.map(gpu, "services", "gpu-check");
        String image = Repo.at(check, "image").toString();
        assertTrue(image.startsWith(CodeFacts.trainerImages().get("CUDA_IMAGE") + ":${STEREOTYPE_VERSION:?"),
                "gpu-check must run the plugin's CUDA trainer image: " + image);
        assertEquals("no", check.get("restart"));
        Map<?, ?> device = (Map<?, ?>) Repo.list(check, "deploy", "resources", "reservations", "devices").getFirst();
        assertEquals("nvidia", device.get("driver"));
        assertEquals("all", device.get("count"));
        assertEquals(List.of("gpu"), device.get("capabilities"));
        assertEquals("service_completed_successfully",
                Repo.at(gpu, "services", "kestra", "depends_on", "gpu-check", "condition"));
        // the retrain flow runs training on Docker (with the plugin's GPU defaults) unless told otherwise
        assertEquals("DOCKER", CodeFacts.flowInputDefault("retrain.yaml", "runner"));
    }

    @Test
    void shellScriptsParse() throws Exception {
        List<Path> scripts = new ArrayList<>(Repo.files(Repo.COMPOSE, ".sh"));
        assertEquals(3, scripts.size(), scripts.toString());
        for (Path script : scripts) {
            Process sh = new ProcessBuilder("sh", "-n", script.toString()).redirectErrorStream(true).start();
            String output = new String(sh.getInputStream().readAllBytes());
            assertEquals(0, sh.waitFor(), script + ": " + output);
        }
    }
}
