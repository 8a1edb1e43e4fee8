package io.stereotype.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The repository on disk: files of infra/ and of the modules whose names infra must match. */
final class Repo {
    static final Path ROOT = Path.of(System.getProperty("stereotype.root", "..")).toAbsolutePath().normalize();
    static final Path INFRA = ROOT.resolve("infra");
    static final Path COMPOSE = INFRA.resolve("compose");
    static final Path K8S = INFRA.resolve("k8s");
    static final Path IMAGES = INFRA.resolve("images");
    private static final Pattern PROJECT_VERSION = Pattern.compile(
            "<artifactId>stereotype-parent</artifactId>\\s*<version>([^<]+)</version>");

    private Repo() {
    }

    static Path path(String relative) {
        Path path = ROOT.resolve(relative);
        if (!Files.exists(path)) {
            throw new AssertionError("missing " + ROOT.relativize(path));
        }
        return path;
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        return read(path(relative));
    }

    /** The one YAML document of a file, as maps, lists and scalars. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path path) {
        Object document = new Load(LoadSettings.builder().setLabel(path.toString()).build()).loadFromString(read(path));
        if (!(document instanceof Map<?, ?> map)) {
            throw new AssertionError(path + " is not a YAML mapping");
        }
        return (Map<String, Object>) map;
    }

    static List<Object> yamlDocuments(Path path) {
        List<Object> documents = new ArrayList<>();
        new Load(LoadSettings.builder().setLabel(path.toString()).build()).loadAllFromString(read(path)).forEach(documents::add);
        return documents;
    }

    /** The Maven project version of the parent pom, which every module (and so the plugin) inherits. */
    static String projectVersion() {
        Matcher m = PROJECT_VERSION.matcher(read("pom.xml"));
        if (!m.find()) {
            throw new AssertionError("no version in pom.xml");
        }
        return m.group(1).strip();
    }

    static List<Path> files(Path folder, String suffix) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> !p.toString().contains("/target/")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Navigates maps by keys; fails with the path when a step is missing. */
    static Object at(Object node, String... keys) {
        Object current = node;
        StringBuilder trail = new StringBuilder();
        for (String key : keys) {
            trail.append('.').append(key);
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new AssertionError("no " + trail.substring(1));
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... keys) {
        Object value = at(node, keys);
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError(String.join(".", keys) + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... keys) {
        Object value = at(node, keys);
        if (!(value instanceof List<?>)) {
            throw new AssertionError(String.join(".", keys) + " is not a list: " + value);
        }
        return (List<Object>) value;
    }
}
