package io.stereotype.core.model;

import io.stereotype.core.net.NetworkVariant;

/**
 * What a trained model is, as far as scoring needs to know: the tree, the doctor's kind, the
 * students' network family and patch size, how images are brought to the network, the stride of the
 * descriptor maps and how the bias terms become a score. How the model was trained (epochs, learning
 * rate, seeds, ...) is the training recipe's business and is not part of it.
 *
 * @param tree        the doctor-masters-bachelors tree
 * @param doctor      what the doctor learned (its architecture is in its own network folder)
 * @param students    patch network family of the masters and bachelors
 * @param patchSize   the students' patch side (32 or 64)
 * @param imageSize   side images are resized to before scoring (0 keeps their size)
 * @param resizeSmall resize images smaller than the patch up to it; off = reject them
 * @param mapStride   output stride of the dense descriptor maps
 * @param scoring     how the bias terms become an anomaly map
 * @param doctorWeights SHA-256 of the weights file a {@link DoctorKind#PRETRAINED} doctor was exported from, else null
 */
public record ModelDescription(TreeShape tree, DoctorKind doctor, NetworkVariant students, int patchSize,
                               int imageSize, boolean resizeSmall, int mapStride, Scoring scoring,
                               String doctorWeights) {

    /**
     * @param smoothingSigma   Gaussian sigma (pixels) applied to anomaly maps before the image score (0 = none)
     * @param standardizeTerms standardise each bias term on normal validation data before summing (false = Eq. 10 raw sum)
     */
    public record Scoring(double smoothingSigma, boolean standardizeTerms) {
    }

    /** The same model with the doctor's weights hash (null when the doctor was trained here). */
    public ModelDescription withDoctorWeights(String sha256) {
        return new ModelDescription(tree, doctor, students, patchSize, imageSize, resizeSmall, mapStride, scoring, sha256);
    }

    /** The preprocessing every image gets before the networks see it, in training and scoring alike. */
    public ImagePreprocessor preprocessor(int channels) {
        return new ImagePreprocessor(channels, imageSize, patchSize, resizeSmall);
    }
}
