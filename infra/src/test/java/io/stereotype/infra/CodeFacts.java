package io.stereotype.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the code says, read from its sources: the names infra/ must use. Reading sources (not compiled classes)
 * keeps this module independent of the others' builds, and a rename in the code fails these tests at once.
 */
final class CodeFacts {
    private static final Pattern IMAGE_CONSTANT = Pattern.compile("static final String (\\w+_IMAGE)\\s*=\\s*\"([^\"]+):\"\\s*\\+\\s*VERSION");
    private static final Pattern IMAGE_COMMAND = Pattern.compile("IMAGE_COMMAND\\s*=\\s*List\\.of\\(([^)]*)\\)");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern ENV_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern FLOW_SECRET = Pattern.compile("secret\\('([^']+)'\\)");
    private static final Pattern FLOW_ENV = Pattern.compile("envs\\.([a-z0-9_]+)");
    private static final Pattern ARTIFACT_ID = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");
    private static final Pattern WEIGHTS_RELATIVE = Pattern.compile("(?m)^stereotype\\.doctor-weights=\\$\\{STEREOTYPE_DATA:.*}/([^}\\s]+)$");
    static final String DEFAULTS = "tasks/src/main/java/io/stereotype/kestra/TrainerDefaults.java";
    static final String TRAINER_PROPERTIES = "services/trainer/src/main/resources/application.properties";

    private CodeFacts() {
    }

    /** The plugin's default trainer images without tag: constant name (CPU_IMAGE, CUDA_IMAGE) to repository. */
    static Map<String, String> trainerImages() {
        Matcher m = IMAGE_CONSTANT.matcher(Repo.read(DEFAULTS));
        Map<String, String> images = new LinkedHashMap<>();
        while (m.find()) {
            images.put(m.group(1), m.group(2));
        }
        if (!images.containsKey("CPU_IMAGE") || !images.containsKey("CUDA_IMAGE")) {
            throw new AssertionError(DEFAULTS + " no longer declares CPU_IMAGE and CUDA_IMAGE as \"repo:\" + VERSION: " + images);
        }
        return images;
    }

    /** The command the plugin runs inside the trainer images. */
    static List<String> trainerImageCommand() {
        Matcher m = IMAGE_COMMAND.matcher(Repo.read(DEFAULTS));
        if (!m.find()) {
            throw new AssertionError(DEFAULTS + " no longer declares IMAGE_COMMAND = List.of(...)");
        }
        List<String> words = new ArrayList<>();
        Matcher literal = STRING_LITERAL.matcher(m.group(1));
        while (literal.find()) {
            words.add(literal.group(1));
        }
        return words;
    }

    /** Where the trainer looks for the pretrained doctor's weights inside a data folder: weights/NAME. */
    static String doctorWeightsInDataFolder() {
        Matcher m = WEIGHTS_RELATIVE.matcher(Repo.read(TRAINER_PROPERTIES));
        if (!m.find()) {
            throw new AssertionError(TRAINER_PROPERTIES + " no longer defaults stereotype.doctor-weights to ${STEREOTYPE_DATA:...}/PATH");
        }
        return m.group(1);
    }

    /** The tag of the plugin's default images: the plugin version, which is the Maven project version. */
    static String pluginImageTag() {
        String properties = Repo.read("tasks/src/main/resources/io/stereotype/kestra/plugin.properties");
        if (!properties.contains("version=${project.version}")) {
            throw new AssertionError("plugin.properties no longer takes the image tag from the project version");
        }
        return Repo.projectVersion();
    }

    static String artifactId(String module) {
        Matcher m = ARTIFACT_ID.matcher(Repo.read(module + "/pom.xml"));
        if (!m.find()) {
            throw new AssertionError("no artifactId in " + module + "/pom.xml");
        }
        return m.group(1);
    }

    /** Names of the Kestra secrets the flows use: {{ secret('NAME') }}. */
    static Set<String> flowSecrets() {
        Set<String> names = new TreeSet<>();
        for (Path flow : Repo.files(Repo.ROOT.resolve("flows"), ".yaml")) {
            Matcher m = FLOW_SECRET.matcher(Repo.read(flow));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * The Kestra host variables the flows read as {@code envs.name}: Kestra offers {@code ENV_NAME}
     * (upper case) of its environment to flows as {@code envs.name}.
     */
    static Set<String> flowHostVariables() {
        Set<String> names = new TreeSet<>();
        for (Path flow : Repo.files(Repo.ROOT.resolve("flows"), ".yaml")) {
            Matcher m = FLOW_ENV.matcher(Repo.read(flow));
            while (m.find()) {
                names.add("ENV_" + m.group(1).toUpperCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    /** A flow input's default value. */
    static Object flowInputDefault(String flow, String input) {
        for (Object in : Repo.list(Repo.yaml(Repo.path("flows/" + flow)), "inputs")) {
            if (in instanceof Map<?, ?> map && input.equals(map.get("id"))) {
                return map.get("defaults");
            }
        }
        throw new AssertionError("flows/" + flow + " has no input " + input);
    }

    /**
     * Environment variables a service reads: upper-case string literals of its Java sources and of the modules it
     * is built from, plus the environment form of its Quarkus configuration (application.properties keys and
     * {@code @ConfigMapping} properties: {@code stereotype.cache-dir} is {@code STEREOTYPE_CACHE_DIR}).
     */
    static Set<String> environmentReadBy(String service) {
        Set<String> names = new TreeSet<>();
        for (String module : List.of("services/" + service, "mlops", "core")) {
            for (Path source : Repo.files(Repo.path(module + "/src/main/java"), ".java")) {
                String text = Repo.read(source);
                Matcher literal = ENV_LITERAL.matcher(text);
                while (literal.find()) {
                    names.add(literal.group(1));
                }
                Matcher mapping = CONFIG_MAPPING.matcher(text);
                if (mapping.find()) {
                    configMappingKeys(text, mapping.group(1)).forEach(key -> names.add(environmentName(key)));
                }
            }
        }
        Path properties = Repo.path("services/" + service + "/src/main/resources/application.properties");
        applicationProperties(properties).keySet().forEach(key -> names.add(environmentName(key)));
        return names;
    }

    /** The active (not commented out) keys and values of an application.properties file. */
    static Map<String, String> applicationProperties(Path file) {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        return values;
    }

    static Map<String, String> scorerProperties() {
        return applicationProperties(Repo.path("services/scorer/src/main/resources/application.properties"));
    }

    /** The scorer's HTTP port (quarkus.http.port, Quarkus' default 8080 when unset). */
    static int scorerPort() {
        return Integer.parseInt(scorerProperties().getOrDefault("quarkus.http.port", "8080"));
    }

    /** The scorer's health endpoints from its configuration and Quarkus' defaults: readiness and liveness paths. */
    static List<String> scorerHealthPaths() {
        if (!Repo.read("services/scorer/pom.xml").contains("<artifactId>quarkus-smallrye-health</artifactId>")) {
            throw new AssertionError("the scorer no longer depends on quarkus-smallrye-health: no health endpoints");
        }
        Map<String, String> p = scorerProperties();
        String root = "/" + strip(p.getOrDefault("quarkus.http.non-application-root-path", "q"));
        String health = root + "/" + strip(p.getOrDefault("quarkus.smallrye-health.root-path", "health"));
        return List.of(health + "/" + strip(p.getOrDefault("quarkus.smallrye-health.readiness-path", "ready")),
                health + "/" + strip(p.getOrDefault("quarkus.smallrye-health.liveness-path", "live")));
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    /** Quarkus' environment name of a property: non-alphanumerics become '_', upper case. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * The leaf properties of a {@code @ConfigMapping} interface: methods {@code Type name()} become
     * {@code prefix.name} (kebab case); a method returning a nested interface of the same file opens a group.
     */
    static Set<String> configMappingKeys(String source, String prefix) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        Pattern token = Pattern.compile("interface\\s+(\\w+)[^{]*\\{|\\}|([\\w.<>?, \\[\\]]+?)\\s+(\\w+)\\(\\)\\s*;");
        Map<String, List<String[]>> methods = new LinkedHashMap<>();
        List<String> stack = new ArrayList<>();
        String root = null;
        Matcher m = token.matcher(code);
        while (m.find()) {
            if (m.group(1) != null) {
                stack.add(m.group(1));
                methods.putIfAbsent(m.group(1), new ArrayList<>());
                root = root == null ? m.group(1) : root;
            } else if (m.group(0).equals("}")) {
                if (!stack.isEmpty()) {
                    stack.removeLast();
                }
            } else if (!stack.isEmpty()) {
                String type = m.group(2).strip().replaceAll("^.*\\s", "");
                methods.get(stack.getLast()).add(new String[] {type, m.group(3)});
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        if (root != null) {
            collect(methods, root, prefix, keys);
        }
        return keys;
    }

    private static void collect(Map<String, List<String[]>> methods, String iface, String prefix, Set<String> keys) {
        for (String[] method : methods.getOrDefault(iface, List.of())) {
            String type = method[0].replaceAll("^Optional<(.*)>$", "$1");
            String key = prefix + "." + method[1].replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            if (methods.containsKey(type) && !type.equals(iface)) {
                collect(methods, type, key, keys);
            } else {
                keys.add(key);
            }
        }
    }
}
