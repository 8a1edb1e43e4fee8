package io.stereotype.kestra;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.annotations.Example;
import io.kestra.core.models.annotations.Plugin;
import io.kestra.core.models.flows.FlowSource;
import io.kestra.core.models.validations.ValidateConstraintViolation;
import io.kestra.core.services.FlowService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

/** Validates flows with Kestra's own validation: the production flows, the tasks' documented examples, and bad flows. */
@KestraTest
class FlowValidationTest {
    private static final String TENANT = "main";
    private static final String SERVICES = "META-INF/services/io.kestra.core.models.Plugin";

    @Inject
    FlowService flowService;

    @Test
    void productionFlowsAreValid() throws IOException {
        Path flows = Path.of(System.getProperty("stereotype.flows.dir", "../flows"));
        List<FlowSource> sources;
        try (Stream<Path> files = Files.list(flows)) {
            sources = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                .sorted()
                .map(FlowValidationTest::read)
                .toList();
        }
        assertThat(sources.stream().map(FlowSource::filename).toList(), hasItems("promote.yaml", "retrain.yaml"));

        assertValid(flowService.validate(TENANT, sources));
    }

    @Test
    void everyTaskExampleIsAValidFlow() throws IOException {
        List<Class<?>> tasks = pluginClasses();
        assertThat(tasks, hasSize(9));
        List<FlowSource> examples = tasks.stream()
            .flatMap(task -> Arrays.stream(task.getAnnotation(Plugin.class).examples())
                .map(example -> exampleFlow(task, example)))
            .toList();
        assertThat(examples, hasSize(greaterThanOrEqualTo(tasks.size())));

        assertValid(flowService.validate(TENANT, examples));
    }

    @Test
    void unknownTaskTypeIsRejected() {
        assertInvalid("""
            id: bad_type
            namespace: io.stereotype
            tasks:
              - id: doctor
                type: io.stereotype.kestra.TrainTheDoctor
                work: s3://stereotype/work/1
            """, "TrainTheDoctor");
    }

    @Test
    void unknownPropertyIsRejected() {
        assertInvalid("""
            id: bad_property
            namespace: io.stereotype
            tasks:
              - id: prep
                type: io.stereotype.kestra.PrepareDataset
                data: s3://datasets/bottles
                work: s3://stereotype/work/1
                mastres: 3
            """, "mastres");
    }

    @Test
    void missingRequiredPropertyIsRejected() {
        assertInvalid("""
            id: missing_property
            namespace: io.stereotype
            tasks:
              - id: master
                type: io.stereotype.kestra.TrainMaster
                work: s3://stereotype/work/1
            """, "master");
    }

    private void assertInvalid(String flow, String mentioned) {
        ValidateConstraintViolation result = flowService.validate(TENANT, List.of(new FlowSource("bad.yaml", flow))).getFirst();
        assertThat(result.getConstraints(), allOf(notNullValue(), containsString(mentioned)));
    }

    private static void assertValid(List<ValidateConstraintViolation> results) {
        List<String> problems = results.stream()
            .filter(r -> r.getConstraints() != null)
            .map(r -> r.getFilename() + ": " + r.getConstraints())
            .toList();
        assertThat(problems, empty());
    }

    /** The tasks this plugin registers, read from the services file that a Kestra server reads. */
    static List<Class<?>> pluginClasses() throws IOException {
        List<Class<?>> classes = new ArrayList<>();
        // every Kestra jar on the test classpath has a services file of the same name: keep the lines of ours
        for (URL services : Collections.list(FlowValidationTest.class.getClassLoader().getResources(SERVICES))) {
            try (InputStream in = services.openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith(FlowValidationTest.class.getPackageName() + "."))
                    .map(FlowValidationTest::load)
                    .forEach(classes::add);
            }
        }
        return classes;
    }

    private static FlowSource exampleFlow(Class<?> task, Example example) {
        assertThat(task.getSimpleName() + " example is a complete flow", example.full(), is(true));
        return new FlowSource(task.getSimpleName() + " example '" + example.title() + "'", String.join("\n", example.code()));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("services file names a missing class " + name, e);
        }
    }

    private static FlowSource read(Path file) {
        try {
            return new FlowSource(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
