package io.stereotype.core.train;

/**
 * The two readings of the paper's descriptor-compactness term (Eq. 2 and 5); see docs/algorithm.md.
 */
public enum CompactnessMode {
    /**
     * Default, the reading of Section 4.2.2: correlation between every pair of descriptors in the
     * batch (each descriptor centred over its dimensions), squared and averaged over the
     * n(n-1)/2 pairs, so its expectation does not depend on the batch size.
     */
    DESCRIPTOR_PAIRS,
    /**
     * L2-Net's reading of Eq. 2 (Tian et al.): correlation between descriptor dimensions across the
     * batch, squared and averaged over the d(d-1) off-diagonal entries, with the small-sample
     * correction ((n-1) r^2 - 1) / (n-2) that removes the 1/(n-1) bias of r^2 at zero correlation.
     */
    DIMENSIONS
}
