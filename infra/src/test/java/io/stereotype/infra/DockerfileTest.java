package io.stereotype.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** infra/images: Dockerfiles read as text (pinned bases, non-root, entrypoints) and build.sh's image names. */
class DockerfileTest {
    private static final Pattern BUILD = Pattern.compile("^\\s*build (\\S+) (\\S+) (\\S+)(?: (.*))?$", Pattern.MULTILINE);
    private static final Pattern PIN = Pattern.compile("(\\S+)==(\\S+)");

    /** One Dockerfile as instructions (continuation lines joined, comments dropped). */
    record Dockerfile(Path path, List<String[]> instructions) {
        static Dockerfile of(String image) {
            Path path = Repo.IMAGES.resolve(image).resolve("Dockerfile");
            List<String[]> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : Repo.read(path).lines().toList()) {
                String stripped = line.strip();
                if (stripped.startsWith("#") && current.isEmpty() || stripped.isEmpty() && current.isEmpty()) {
                    continue;
                }
                if (stripped.startsWith("#")) {
                    continue; // a comment inside a continued instruction
                }
                if (stripped.endsWith("\\")) {
                    current.append(stripped, 0, stripped.length() - 1).append(' ');
                    continue;
                }
                current.append(stripped);
                String text = current.toString();
                current.setLength(0);
                int space = text.indexOf(' ');
                instructions.add(new String[] {text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()});
            }
            return new Dockerfile(path, instructions);
        }

        List<String> all(String instruction) {
            return instructions.stream().filter(i -> i[0].equals(instruction)).map(i -> i[1]).toList();
        }

        /** Instructions of the last stage, the image that ships. */
        List<String> last(String instruction) {
            int start = 0;
            for (int i = 0; i < instructions.size(); i++) {
                if (instructions.get(i)[0].equals("FROM")) {
                    start = i;
                }
            }
            return instructions.subList(start, instructions.size()).stream().filter(i -> i[0].equals(instruction)).map(i -> i[1]).toList();
        }

        /** Instructions of the stage {@code FROM ... AS name}, its FROM first. */
        List<String[]> stage(String name) {
            List<String[]> stage = new ArrayList<>();
            for (String[] instruction : instructions) {
                if (instruction[0].equals("FROM")) {
                    if (!stage.isEmpty()) {
                        break;
                    }
                    if (instruction[1].matches("\\S+\\s+(?i:AS)\\s+" + Pattern.quote(name))) {
                        stage.add(instruction);
                    }
                } else if (!stage.isEmpty()) {
                    stage.add(instruction);
                }
            }
            if (stage.isEmpty()) {
                throw new AssertionError(path + " has no stage " + name);
            }
            return stage;
        }

        /** ENV name=value pairs of the last stage. */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            Matcher m = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher(String.join(" ", last("ENV")));
            while (m.find()) {
                env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
            }
            return env;
        }
    }

    private static final List<String> IMAGES = List.of("trainer", "trainer-cuda", "kestra-gpu-worker", "scorer", "mlflow");

    @Test
    void everyImageFolderIsBuilt() throws Exception {
        Set<String> folders = new TreeSet<>();
        try (var list = Files.list(Repo.IMAGES)) {
            list.filter(p -> Files.isRegularFile(p.resolve("Dockerfile"))).forEach(p -> folders.add(p.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(IMAGES), folders);
    }

    @ParameterizedTest
    @ValueSource(strings = {"trainer", "trainer-cuda", "kestra-gpu-worker", "scorer", "mlflow"})
    void basesArePinnedAndTheImageRunsAsNonRoot(String image) {
        Dockerfile file = Dockerfile.of(image);
        Set<String> stages = new TreeSet<>();
        for (String from : file.all("FROM")) {
            String[] words = from.split("\\s+");
            String reference = words[0];
            // our own images, built by build.sh just before with the version it passes as a build argument
            boolean ours = reference.matches("ghcr\\.io/stereotype/[a-z0-9-]+:\\$\\{STEREOTYPE_VERSION}");
            if (!stages.contains(reference) && !ours) {
                assertTrue(reference.contains("@sha256:") || reference.matches("[^:]+:[^:]*\\d[^:]*"), image + ": unpinned base " + reference);
                assertFalse(reference.endsWith(":latest"), image + ": " + reference);
            }
            if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
                stages.add(words[2]);
            }
        }
        List<String> users = file.last("USER");
        assertFalse(users.isEmpty(), image + " sets no USER");
        String user = users.getLast().split(":")[0];
        assertFalse(Set.of("root", "0").contains(user), image + " runs as root");
        assertTrue(user.matches("\\d+"), image + ": a numeric USER lets Kubernetes check runAsNonRoot: " + user);
        List<String> entrypoints = file.last("ENTRYPOINT");
        assertEquals(1, entrypoints.size(), image + " ENTRYPOINT");
        assertTrue(entrypoints.getFirst().startsWith("["), image + ": exec-form ENTRYPOINT");
    }

    @Test
    void allJavaImagesUseOneTemurinRelease() {
        Set<String> temurin = new TreeSet<>();
        for (String image : List.of("trainer", "trainer-cuda", "scorer")) {
            for (String from : Dockerfile.of(image).all("FROM")) {
                Matcher m = Pattern.compile("eclipse-temurin:(\\S+?)-(jre|jdk)").matcher(from);
                if (m.find()) {
                    temurin.add(m.group(1));
                }
            }
        }
        assertEquals(1, temurin.size(), "one Java release for all images: " + temurin);
        assertTrue(temurin.iterator().next().startsWith("25"), "Java 25: " + temurin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"trainer", "trainer-cuda"})
    void trainerImagesRunTheCommandThePluginUses(String image) {
        Dockerfile file = Dockerfile.of(image);
        List<String> command = CodeFacts.trainerImageCommand();
        assertEquals(command, jsonArray(file.last("ENTRYPOINT").getFirst()), image + " ENTRYPOINT = the plugin's IMAGE_COMMAND");
        String jar = command.getLast();
        String folder = jar.substring(0, jar.lastIndexOf('/'));
        assertTrue(file.last("COPY").stream().anyMatch(c -> c.matches("\\S*quarkus-app " + Pattern.quote(folder))),
                image + " must copy the Quarkus app to " + folder);
        // the environment the trainer reads, and fonts for the report's charts
        Map<String, String> env = file.env();
        assertEquals(image.equals("trainer") ? "cpu" : "cuda", env.get("STEREOTYPE_DEVICE"));
        assertTrue(CodeFacts.environmentReadBy("trainer").contains("STEREOTYPE_DEVICE"), "the trainer no longer reads STEREOTYPE_DEVICE");
        assertEquals("2", env.get("TF_CPP_MIN_LOG_LEVEL"));
        String run = String.join(" ", file.last("RUN"));
        assertTrue(run.contains("fonts-dejavu-core") && run.contains("libfontconfig1"), image + " fonts for JFreeChart");
        assertEnvironmentIsRead(image, env, "trainer");
    }

    @Test
    void cudaTrainerIsBuiltFromTheGpuPackageOnACudnnBase() {
        Dockerfile file = Dockerfile.of("trainer-cuda");
        String base = file.last("FROM").getFirst();
        assertTrue(base.matches("nvidia/cuda:12\\.\\d+(\\.\\d+)?-cudnn\\d*-runtime-ubuntu\\d+\\.\\d+"), base);
        String build = Repo.read(Repo.IMAGES.resolve("build.sh"));
        assertTrue(build.contains("-Dtensorflow.native.classifier=linux-x86_64-gpu -pl services/trainer"), "GPU trainer package");
        Matcher copy = Pattern.compile("CUDA_APP=\"([^\"]+)\"").matcher(build);
        assertTrue(copy.find(), "build.sh copies the GPU package aside");
        assertTrue(file.last("COPY").contains(copy.group(1) + " /app"), "trainer-cuda copies " + copy.group(1));
        assertTrue(Repo.read("pom.xml").contains("<tensorflow.native.classifier>"), "the parent pom's classifier property");
    }

    /** The GPU Kestra worker: Kestra and the very trainer of the CUDA image, on the same CUDA base, no Docker inside. */
    @Test
    void gpuWorkerImageHoldsKestraAndTheCudaTrainerOnTheCudaBase() {
        Dockerfile worker = Dockerfile.of("kestra-gpu-worker");
        Dockerfile cuda = Dockerfile.of("trainer-cuda");
        assertEquals(cuda.last("FROM"), worker.last("FROM"), "the CUDA base of the trainer-cuda image");
        List<String> from = worker.all("FROM");
        assertTrue(from.contains("ghcr.io/stereotype/trainer-cuda:${STEREOTYPE_VERSION} AS trainer"), from.toString());
        String kestra = Repo.at(Repo.yaml(Repo.COMPOSE.resolve("compose.yaml")), "services", "kestra", "image").toString();
        assertTrue(from.contains(kestra + " AS kestra"), "the Kestra of compose.yaml and values-kestra.yaml: " + from);
        List<String> copies = worker.last("COPY");
        String trainer = CodeFacts.trainerImageCommand().getLast();
        String trainerApp = trainer.substring(0, trainer.lastIndexOf('/'));
        assertTrue(copies.contains("--from=trainer " + trainerApp + " /opt/stereotype/trainer"), "the trainer of trainer-cuda: " + copies);
        assertTrue(copies.contains("--from=trainer /opt/java/openjdk /opt/java/openjdk"), "the trainer's Java 25");
        assertTrue(copies.stream().anyMatch(c -> c.matches("--from=trainer .*/opt/stereotype/javacpp /opt/stereotype/javacpp")),
                "the GPU natives unpacked at build time");
        // the pretrained doctor's weights of trainer-cuda, where the same variable points (trainer processes inherit it)
        String weights = cuda.env().get("STEREOTYPE_DOCTOR_WEIGHTS");
        String folder = weights.substring(0, weights.lastIndexOf('/'));
        assertTrue(copies.contains("--from=trainer " + folder + " " + folder), "the weights of trainer-cuda: " + copies);
        assertEquals(weights, worker.env().get("STEREOTYPE_DOCTOR_WEIGHTS"), "the weights file of trainer-cuda");
        assertTrue(copies.stream().anyMatch(c -> c.endsWith(" /app/plugins/stereotype-kestra-plugin.jar")), "the Stereotype plugin");
        Map<String, String> env = worker.env();
        assertEquals("true", env.get("TF_FORCE_GPU_ALLOW_GROWTH"), "TensorFlow takes GPU memory as needed");
        assertEquals("cuda", env.get("STEREOTYPE_DEVICE"));
        assertEquals(cuda.env().get("JDK_JAVA_OPTIONS"), env.get("JDK_JAVA_OPTIONS"), "the natives cache of trainer-cuda");
        assertEquals(List.of("docker-entrypoint.sh"), jsonArray(worker.last("ENTRYPOINT").getFirst()), "Kestra's entrypoint");
        assertEquals(List.of("server", "worker"), jsonArray(worker.last("CMD").getFirst()));
        String text = Repo.read(worker.path());
        assertFalse(text.contains("docker.sock") || text.contains("docker-ce") || text.contains("dockerd"), "no Docker in the GPU worker");
    }

    @Test
    void scorerImageServesThePortOfItsConfiguration() {
        Dockerfile file = Dockerfile.of("scorer");
        assertEquals(List.of(String.valueOf(CodeFacts.scorerPort())), file.last("EXPOSE"));
        assertEquals(List.of("java", "-jar", "/app/quarkus-run.jar"), jsonArray(file.last("ENTRYPOINT").getFirst()));
        assertTrue(file.last("COPY").contains("services/scorer/target/quarkus-app /app"));
        assertTrue(String.join(" ", file.last("HEALTHCHECK")).contains(":" + CodeFacts.scorerPort() + CodeFacts.scorerHealthPaths().get(1)));
        assertEnvironmentIsRead("scorer", file.env(), "scorer");
    }

    private static void assertEnvironmentIsRead(String image, Map<String, String> env, String service) {
        Set<String> unknown = new TreeSet<>(env.keySet());
        unknown.removeAll(CodeFacts.environmentReadBy(service));
        unknown.removeAll(KnownVariables.RUNTIME);
        unknown.removeAll(Set.of("JAVA_HOME", "PATH"));
        assertEquals(Set.of(), unknown, image + " sets variables the " + service + " does not read");
    }

    @Test
    void mlflowImagePinsTheVersionsTheTestsUse() {
        Dockerfile file = Dockerfile.of("mlflow");
        assertTrue(file.last("FROM").getFirst().matches("python:3\\.\\d+\\.\\d+-slim-\\w+"), file.last("FROM").toString());
        Map<String, String> pins = new LinkedHashMap<>();
        Matcher m = PIN.matcher(String.join(" ", file.last("RUN")));
        while (m.find()) {
            pins.put(m.group(1), m.group(2));
        }
        assertEquals(Set.of("mlflow", "boto3", "psycopg2-binary"), pins.keySet());
        String venv = Repo.read("scripts/mlflow-venv.sh");
        assertTrue(venv.contains("MLFLOW_VERSION=" + pins.get("mlflow") + "\n"), "mlflow as in scripts/mlflow-venv.sh");
        assertTrue(venv.contains("BOTO3_VERSION=" + pins.get("boto3") + "\n"), "boto3 as in scripts/mlflow-venv.sh");
        assertEquals("3.17.2", pins.get("mlflow"));
        assertEquals(List.of("mlflow", "server", "--host", "0.0.0.0", "--port", "5000"), jsonArray(file.last("ENTRYPOINT").getFirst()));
    }

    @Test
    void copiedFilesExistAndPassTheDockerignore() {
        for (String image : List.of("trainer", "trainer-cuda", "kestra-gpu-worker", "scorer")) {
            Dockerfile file = Dockerfile.of(image);
            Path ignore = Repo.IMAGES.resolve(image).resolve("Dockerfile.dockerignore");
            List<String> allowed = Repo.read(ignore).lines().filter(l -> l.startsWith("!")).map(l -> l.substring(1)).toList();
            assertTrue(Repo.read(ignore).lines().anyMatch(l -> l.equals("*")), image + ": the ignore file starts from nothing");
            for (String copy : file.all("COPY")) {
                if (copy.startsWith("--from=")) {
                    continue;
                }
                String source = copy.split("\\s+")[0];
                assertTrue(allowed.contains(source), image + ": " + source + " is excluded by " + ignore.getFileName());
                if (source.contains("/target/")) {
                    String module = source.substring(0, source.indexOf("/target/"));
                    assertTrue(module.equals("infra") || Files.isRegularFile(Repo.ROOT.resolve(module).resolve("pom.xml")),
                            source + " is not the output of a module");
                } else {
                    assertTrue(Files.exists(Repo.ROOT.resolve(source)), image + " copies missing " + source);
                }
            }
        }
    }

    @Test
    void buildScriptTagsTheImagesWithTheNamesTheCodeUses() throws Exception {
        String script = Repo.read(Repo.IMAGES.resolve("build.sh"));
        assertTrue(script.contains("REGISTRY=\"ghcr.io/stereotype\""), "registry");
        Map<String, String[]> builds = new LinkedHashMap<>();
        Matcher m = BUILD.matcher(script);
        while (m.find()) {
            builds.put("ghcr.io/stereotype/" + m.group(1), new String[] {m.group(2), m.group(3), String.valueOf(m.group(4))});
        }
        Map<String, String> images = CodeFacts.trainerImages();
        assertEquals(Set.of(images.get("CPU_IMAGE"), images.get("CUDA_IMAGE"), "ghcr.io/stereotype/kestra-gpu-worker",
                        "ghcr.io/stereotype/scorer", "ghcr.io/stereotype/mlflow"),
                builds.keySet(), "build.sh builds the plugin's trainer images and ours");
        builds.forEach((name, args) -> {
            String folder = name.substring(name.lastIndexOf('/') + 1);
            assertEquals("infra/images/" + folder + "/Dockerfile", args[0], name);
            assertTrue(Files.isRegularFile(Repo.ROOT.resolve(args[0])), args[0]);
        });
        assertTrue(script.contains("-t \"$REGISTRY/$1:$VERSION\""), "tagged with the project version");
        assertTrue(builds.get("ghcr.io/stereotype/kestra-gpu-worker")[2].contains("--build-arg \"STEREOTYPE_VERSION=$VERSION\""),
                "the GPU worker is built on the trainer-cuda image of the same version");
        assertTrue(script.contains("-Dexpression=project.version"), "the version comes from Maven");
        // flows that name trainer images must name these
        for (Path flow : Repo.files(Repo.ROOT.resolve("flows"), ".yaml")) {
            Matcher named = Pattern.compile("ghcr\\.io/stereotype/[a-z0-9-]+").matcher(Repo.read(flow));
            while (named.find()) {
                assertTrue(builds.containsKey(named.group()), flow.getFileName() + " uses " + named.group() + ", which build.sh does not build");
            }
        }
        Process bash = new ProcessBuilder("bash", "-n", Repo.IMAGES.resolve("build.sh").toString()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes());
        assertEquals(0, bash.waitFor(), output);
        assertTrue(Files.isExecutable(Repo.IMAGES.resolve("build.sh")), "build.sh is executable");
    }

    private static List<String> jsonArray(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(text);
        while (m.find()) {
            words.add(m.group(1));
        }
        return words;
    }
}
