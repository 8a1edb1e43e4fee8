package io.stereotype.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.io.Json;
import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.model.ModelDescription;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.ScoreCalibration;
import io.stereotype.core.net.NetworkVariant;
import io.stereotype.core.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWarningsTest {
    @TempDir
    Path dir;

    @Test
    void aPretextDoctorNearChanceIsReported() throws IOException {
        List<String> warnings = ModelWarnings.of(bundle(1.30));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("near chance") && warnings.getFirst().contains("--doctor pretrained"));
    }

    @Test
    void aPretextDoctorThatLearntIsNot() throws IOException {
        assertEquals(List.of(), ModelWarnings.of(bundle(0.25)));
    }

    private ModelBundle bundle(double pretextLoss) throws IOException {
        ModelDescription model = TrainingConfig.defaults().toBuilder().masters(1).bachelors(1).build().model(DoctorKind.PRETEXT);
        Path networks = dir.resolve("networks-" + pretextLoss);
        Map<NetworkId, Path> folders = new LinkedHashMap<>();
        for (NetworkId id : model.tree().networks()) {
            folders.put(id, Files.createDirectories(networks.resolve(id.name())));
        }
        Json.write(folders.get(NetworkId.DOCTOR).resolve(NetworkFolder.DESCRIPTION), new NetworkFolder.Description("doctor",
                NetworkVariant.PAPER, 64, 3, 4, new float[3], new float[] {1, 1, 1}, new float[2], new float[] {1, 1}, 2,
                null, null, null, pretextLoss));
        Path bundle = dir.resolve("bundle-" + pretextLoss);
        ModelBundle.write(bundle, model, 3, folders, new ScoreCalibration(true, new double[] {0, 0, 0}, new double[] {1, 1, 1}, 1));
        return ModelBundle.open(bundle);
    }
}
