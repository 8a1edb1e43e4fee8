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
import io.stereotype.core.model.TrainingSummary;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained network on disk: a SavedModel (whole image to dense descriptor map at the configured
 * stride) plus {@code network.json} with what training students and scoring need besides weights.
 * Pipeline steps in different containers hand networks to each other in this form.
 */
public final class NetworkFolder {
    public static final String DESCRIPTION = "network.json";

    /**
     * The JSON part of a network folder. {@code variant} and {@code patchSize} are the students'
     * (whose grid every network of a tree produces).
     *
     * @param descriptorDim length of the descriptors (0 in folders written before it was recorded: the variant's)
     * @param backbone      null for a patch network; {@link #PRETRAINED_BACKBONE} for the pretrained doctor,
     *                      whose SavedModel holds the backbone and whose {@code taps} and {@code weightsSha256}
     *                      say which blocks and which weights file
     * @param regressionFloor the pretrained doctor's: the lowest standardised regression loss its students
     *                      can reach ({@code Teacher.regressionFloor}); null for patch networks and older folders
     * @param pretextLoss   a pretext doctor's last-epoch cross-entropy (null for other networks and older folders)
     * @param training      how its training ended (null when it was not trained here, as the pretrained doctor,
     *                      and in folders written before it was recorded: unknown)
     */
    public record Description(String id, NetworkVariant variant, int patchSize, int channels, int stride,
                              float[] inputMean, float[] inputStd, float[] descriptorMean, float[] descriptorStd,
                              int descriptorDim, String backbone, List<Integer> taps, String weightsSha256,
                              Double regressionFloor, Double pretextLoss, TrainingSummary training) {

        public boolean isPretrainedBackbone() {
            return backbone != null;
        }
    }

    public static final String PRETRAINED_BACKBONE = "efficientnet-lite0";

    private NetworkFolder() {
    }

    public static void write(TrainedNetwork network, int stride, Path folder) {
        write(network, stride, null, null, folder);
    }

    /**
     * @param pretextLoss the pretext doctor's last-epoch cross-entropy, or null for any other network
     * @param training    how its training ended, or null when unknown
     */
    public static void write(TrainedNetwork network, int stride, Double pretextLoss, TrainingSummary training, Path folder) {
        Folders.writeAtomically(folder, temp -> {
            SavedModels.export(network.spec(), network.normalization(), network.parameters(), stride, temp.resolve("model"));
            NetworkSpec spec = network.spec();
            Json.write(temp.resolve(DESCRIPTION), new Description(network.id().name(), spec.variant(), spec.patchSize(),
                    spec.inputChannels(), stride, network.normalization().mean(), network.normalization().std(),
                    network.statistics().mean(), network.statistics().std(), spec.descriptorDim(), null, null, null,
                    null, pretextLoss, training));
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
        if (d.isPretrainedBackbone()) {
            throw new BundleException(folder + " holds the pretrained " + d.backbone()
                    + " doctor, not a patch network: its students read it with its weights file");
        }
        NetworkSpec spec = NetworkSpec.of(d.variant(), d.patchSize(), d.channels());
        if (d.descriptorDim() > 0) {
            spec = spec.withDescriptorDim(d.descriptorDim());
        }
        try {
            return new TrainedNetwork(NetworkId.parse(d.id()), spec, new InputNormalization(d.inputMean(), d.inputStd()),
                    SavedModels.readParameters(savedModel(folder), spec),
                    new DescriptorStatistics(d.descriptorMean(), d.descriptorStd()));
        } catch (IllegalArgumentException e) {
            throw new BundleException("unusable network folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
