package io.stereotype.core.bundle;

import io.stereotype.core.io.Folders;
import io.stereotype.core.io.Json;

import io.stereotype.core.infer.SavedModels;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.NetworkVariant;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainedNetwork;
import java.nio.file.Path;

/**
 * A trained network on disk: a SavedModel (whole image to dense descriptor map at the configured
 * stride) plus {@code network.json} with what training students and scoring need besides weights.
 * Pipeline steps in different containers hand networks to each other in this form.
 */
public final class NetworkFolder {
    public static final String DESCRIPTION = "network.json";

    /** The JSON part of a network folder. */
    public record Description(String id, NetworkVariant variant, int patchSize, int channels, int stride,
                              float[] inputMean, float[] inputStd, float[] descriptorMean, float[] descriptorStd) {
    }

    private NetworkFolder() {
    }

    public static void write(TrainedNetwork network, int stride, Path folder) {
        Folders.writeAtomically(folder, temp -> {
            SavedModels.export(network.spec(), network.normalization(), network.parameters(), stride, temp.resolve("model"));
            NetworkSpec spec = network.spec();
            Json.write(temp.resolve(DESCRIPTION), new Description(network.id().name(), spec.variant(), spec.patchSize(),
                    spec.inputChannels(), stride, network.normalization().mean(), network.normalization().std(),
                    network.statistics().mean(), network.statistics().std()));
        });
    }

    public static Description describe(Path folder) {
        return BundleJson.read(folder.resolve(DESCRIPTION), Description.class);
    }

    public static Path savedModel(Path folder) {
        return folder.resolve("model");
    }

    public static TrainedNetwork read(Path folder) {
        Description d = describe(folder);
        NetworkSpec spec = NetworkSpec.of(d.variant(), d.patchSize(), d.channels());
        try {
            return new TrainedNetwork(NetworkId.parse(d.id()), spec, new InputNormalization(d.inputMean(), d.inputStd()),
                    SavedModels.readParameters(savedModel(folder), spec),
                    new DescriptorStatistics(d.descriptorMean(), d.descriptorStd()));
        } catch (IllegalArgumentException e) {
            throw new BundleException("unusable network folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
