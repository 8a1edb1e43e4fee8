package io.stereotype.core.model;

import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;

/**
 * One trained node of the tree: its architecture, input normalisation, weights, and the statistics
 * of its own descriptors (used by its students as regression targets and by scoring).
 */
public record TrainedNetwork(NetworkId id, NetworkSpec spec, InputNormalization normalization,
                             NetworkParameters parameters, DescriptorStatistics statistics) {
}
