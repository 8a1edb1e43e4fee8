package io.stereotype.kestra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * The packaged jar is what a Kestra server loads from its plugins folder: it finds the tasks through the services
 * file and names the plugin from the manifest. Runs after `package` (surefire's integration-test execution).
 */
class PluginJarIT {
    private static final List<String> TASKS = List.of(
        "io.stereotype.kestra.AssembleBundle",
        "io.stereotype.kestra.EndRun",
        "io.stereotype.kestra.Evaluate",
        "io.stereotype.kestra.PrepareDataset",
        "io.stereotype.kestra.PromoteModel",
        "io.stereotype.kestra.RegisterModel",
        "io.stereotype.kestra.TrainBachelor",
        "io.stereotype.kestra.TrainDoctor",
        "io.stereotype.kestra.TrainMaster");

    @Test
    void servicesFileListsEveryTaskAndTheirClassesAreInside() throws IOException {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            ZipEntry services = jar.getEntry("META-INF/services/io.kestra.core.models.Plugin");
            assertThat("services file", services, notNullValue());
            try (InputStream in = jar.getInputStream(services)) {
                List<String> listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
                assertThat(listed, containsInAnyOrder(TASKS.toArray()));
            }
            for (String task : TASKS) {
                assertThat(task, jar.getEntry(task.replace('.', '/') + ".class"), notNullValue());
            }
        }
    }

    /** Kestra's UI shows icons/<class>.svg for a task, icons/<package>.svg for the group, icons/plugin-icon.svg for the plugin. */
    @Test
    void carriesAnSvgIconForThePluginTheGroupAndEveryTask() throws IOException {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            List<String> icons = new java.util.ArrayList<>(List.of("icons/plugin-icon.svg", "icons/io.stereotype.kestra.svg"));
            TASKS.forEach(task -> icons.add("icons/" + task + ".svg"));
            for (String icon : icons) {
                ZipEntry entry = jar.getEntry(icon);
                assertThat(icon, entry, notNullValue());
                try (InputStream in = jar.getInputStream(entry)) {
                    assertThat(icon, new String(in.readAllBytes(), StandardCharsets.UTF_8), allOf(startsWith("<svg "), containsString("viewBox=")));
                }
            }
        }
    }

    @Test
    void manifestNamesThePlugin() throws IOException {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("X-Kestra-Name"), is("stereotype-kestra-plugin"));
            assertThat(manifest.getValue("X-Kestra-Title"), is("Stereotype"));
            assertThat(manifest.getValue("X-Kestra-Group"), is("io.stereotype.kestra"));
            assertThat(manifest.getValue("X-Kestra-Description"), not(emptyOrNullString()));
            assertThat(manifest.getValue("X-Kestra-Version"), is(TrainerDefaults.VERSION));
        }
    }

    @Test
    void carriesNoKestraOrOtherLibraryClasses() throws IOException {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            List<String> foreign = jar.stream().map(ZipEntry::getName)
                .filter(name -> name.endsWith(".class") && !name.startsWith("io/stereotype/kestra/"))
                .toList();
            assertThat(foreign, empty());
        }
    }

    private static Path pluginJar() {
        String jar = System.getProperty("plugin.jar");
        assertThat("system property plugin.jar, set by the pom", jar, notNullValue());
        return Path.of(jar);
    }
}
