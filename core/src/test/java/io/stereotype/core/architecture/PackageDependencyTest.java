package io.stereotype.core.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of core, read from its sources: no package cycles, and scoring never sees
 * training ({@code score -> train}). Every reference to another core package names it, in an import
 * or fully qualified (wildcard imports of core packages are refused), so the names are the whole picture.
 */
class PackageDependencyTest {
    static final Path SOURCES = Path.of("src/main/java/io/stereotype/core");
    static final String ROOT = "io.stereotype.core";
    static final Pattern REFERENCE = Pattern.compile("\\bio\\.stereotype\\.core\\.([a-z.]*?)\\.?[A-Z]");

    @Test
    void corePackagesFormNoCycle() {
        Map<String, Set<String>> graph = dependencies(SOURCES);
        List<String> cycle = findCycle(graph);
        assertTrue(cycle.isEmpty(), "package cycle in core: " + String.join(" -> ", cycle) + "\ndependencies: " + graph);
    }

    @Test
    void scoringDoesNotDependOnTraining() {
        Set<String> score = dependencies(SOURCES).getOrDefault("score", Set.of());
        assertTrue(!score.contains("train"), "score imports train: " + score);
    }

    @Test
    void theCheckFindsACycleAndAScoreToTrainImport(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        write(dir.resolve("score/A.java"), "package io.stereotype.core.score;\nimport io.stereotype.core.train.B;\n");
        write(dir.resolve("train/B.java"), "package io.stereotype.core.train;\nimport io.stereotype.core.bundle.C;\n");
        write(dir.resolve("bundle/C.java"), "package io.stereotype.core.bundle;\nimport static io.stereotype.core.score.A.f;\n");
        Map<String, Set<String>> graph = dependencies(dir);
        assertEquals(Set.of("train"), graph.get("score"));
        assertEquals(List.of("bundle", "score", "train", "bundle"), findCycle(graph));
    }

    /** Package (relative to core, "" for core itself) to the core packages its files import. */
    static Map<String, Set<String>> dependencies(Path sources) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = sources.relativize(file.getParent()).toString().replace('/', '.');
                String text = Files.readString(file);
                if (text.contains("import io.stereotype.core.") && text.matches("(?s).*import io\\.stereotype\\.core\\.[a-z.]*\\*;.*")) {
                    throw new AssertionError(file + " has a wildcard import of a core package: name the classes");
                }
                Set<String> targets = graph.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(text.replaceFirst("(?m)^package .*$", ""));
                while (m.find()) {
                    String to = m.group(1);
                    if (!to.equals(from)) {
                        targets.add(to);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** A cycle as a path that returns to its first package, or empty when there is none. */
    static List<String> findCycle(Map<String, Set<String>> graph) {
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(start, graph, path, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, List<String> path, Set<String> done) {
        int at = path.indexOf(node);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(node);
            return cycle;
        }
        if (done.contains(node)) {
            return List.of();
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> cycle = visit(next, graph, path, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.removeLast();
        done.add(node);
        return List.of();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
