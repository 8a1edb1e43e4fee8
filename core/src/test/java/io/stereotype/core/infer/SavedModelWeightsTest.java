package io.stereotype.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.NetworkVariant;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A doctor can start from a pre-trained SavedModel: its weights read back exactly, or a clear error. */
class SavedModelWeightsTest {

    @Test
    void weightsReadBackExactly(@TempDir Path dir) {
        NetworkSpec spec = NetworkSpec.of(NetworkVariant.PAPER, 32, 3);
        NetworkParameters params = NetworkParameters.initial(spec, 21);
        SavedModels.export(spec, InputNormalization.identity(3), params, 4, dir.resolve("m"));
        NetworkParameters read = SavedModels.readParameters(dir.resolve("m"), spec);
        for (int i = 0; i < params.parameters().size(); i++) {
            assertArrayEquals(params.parameters().get(i).values(), read.parameters().get(i).values(),
                    params.parameters().get(i).name());
        }
    }

    @Test
    void otherArchitectureIsRejectedClearly(@TempDir Path dir) {
        NetworkSpec wide = NetworkSpec.of(NetworkVariant.WIDE, 32, 3);
        SavedModels.export(wide, InputNormalization.identity(3), NetworkParameters.initial(wide, 1), 4, dir.resolve("m"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SavedModels.readParameters(dir.resolve("m"), NetworkSpec.of(NetworkVariant.PAPER, 32, 3)));
        assertTrue(e.getMessage().contains("weight conv1_w has shape"), e.getMessage());
    }

    @Test
    void folderWithoutSavedModelIsRejected(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SavedModels.readParameters(dir, NetworkSpec.of(NetworkVariant.PAPER, 32, 3)));
        assertTrue(e.getMessage().contains("not a SavedModel folder"), e.getMessage());
    }
}
