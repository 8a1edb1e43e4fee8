package io.stereotype.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.core.infer.SavedModels;
import io.stereotype.core.io.Folders;
import io.stereotype.core.io.Json;
import io.stereotype.core.model.BiasTerm;
import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.model.ModelDescription;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TreeShape;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.NetworkVariant;
import io.stereotype.core.score.AnomalyResult;
import io.stereotype.core.score.Detector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle written by format 1 (its model.json held the whole training config) still opens and
 * scores exactly as the format-1 code scored it. See src/test/resources/bundles/format-1/README.md
 * for how the fixture was made and why its SavedModels are rebuilt here.
 */
class BundleFormatCompatibilityTest {
    static final Path FIXTURE = Path.of("src/test/resources/bundles/format-1");
    /** The fixture's base seed: its weights are each network's seeded initial weights. */
    static final long SEED = 5;

    @TempDir
    static Path dir;
    static Path bundle;

    @BeforeAll
    static void rebuildTheFormatOneBundle() throws IOException {
        bundle = dir.resolve("bundle");
        Files.createDirectories(bundle);
        Files.copy(FIXTURE.resolve(ModelBundle.MODEL), bundle.resolve(ModelBundle.MODEL));
        Folders.copyRecursively(FIXTURE.resolve("networks"), bundle.resolve("networks"));
        for (String name : List.of("doctor", "master-1", "master-2", "bachelor-1-1", "bachelor-2-1")) {
            Path folder = bundle.resolve("networks").resolve(name);
            NetworkFolder.Description d = NetworkFolder.describe(folder);
            NetworkSpec spec = NetworkSpec.of(d.variant(), d.patchSize(), d.channels());
            SavedModels.export(spec, new InputNormalization(d.inputMean(), d.inputStd()),
                    NetworkParameters.initial(spec, NetworkId.parse(name).seed(SEED)), d.stride(), NetworkFolder.savedModel(folder));
        }
        Json.write(bundle.resolve(Manifest.FILE), Manifest.of(bundle, 1));
    }

    @Test
    void readsTheModelOutOfTheFormatOneTrainingConfig() {
        ModelBundle opened = ModelBundle.open(bundle);
        assertEquals(1, opened.manifest().formatVersion());
        assertEquals(new ModelDescription(new TreeShape(2, 1), DoctorKind.UNRECORDED, NetworkVariant.PAPER, 32, 64, true, 4,
                new ModelDescription.Scoring(4.0, true), null), opened.model());
        assertEquals(1, opened.channels());
        assertEquals(List.of("doctor", "master-1", "master-2", "bachelor-1-1", "bachelor-2-1"),
                opened.networks().keySet().stream().map(NetworkId::name).toList());
        assertEquals(6.854259051408003, opened.calibration().threshold());
    }

    @Test
    void scoresAsTheFormatOneCodeDid() throws IOException {
        JsonNode expected = Json.MAPPER.readTree(FIXTURE.resolve("expected-scores.json").toFile());
        try (Detector detector = Detector.load(ModelBundle.open(bundle))) {
            for (Map.Entry<String, JsonNode> image : expected.properties()) {
                AnomalyResult result = detector.score(ImageFiles.read(FIXTURE.resolve(image.getKey())), image.getKey());
                JsonNode want = image.getValue();
                assertEquals(want.get("score").doubleValue(), result.score(), 1e-4, image.getKey());
                assertEquals(want.get("anomalous").booleanValue(), result.anomalous(), image.getKey());
                assertEquals(want.get("threshold").doubleValue(), result.threshold(), 0.0, image.getKey());
                assertEquals(want.get("inferenceMax").doubleValue(), result.terms().get(BiasTerm.INFERENCE.key()).max(), 1e-4);
                assertEquals(want.get("deliveryMax").doubleValue(), result.terms().get(BiasTerm.DELIVERY.key()).max(), 1e-4);
                assertEquals(want.get("peerMax").doubleValue(), result.terms().get(BiasTerm.PEER.key()).max(), 1e-4);
            }
        }
    }
}
