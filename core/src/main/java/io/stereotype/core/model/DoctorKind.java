package io.stereotype.core.model;

/**
 * What the doctor of a tree learned. Students are patch networks of the same family in every case;
 * the doctor's own architecture is in its network folder, so a doctor that is not a patch network
 * (with its own descriptor dimension) can join without changing the students.
 */
public enum DoctorKind {
    /** A patch network trained on the rotation pretext of the normal images. */
    PRETEXT,
    /** A patch network trained to classify a labelled data set (Eq. 3 on real labels). */
    LABELLED,
    /**
     * The ImageNet-pretrained EfficientNet-Lite0 itself (blocks tapped and pooled to the students'
     * grid): nothing is trained; {@link ModelDescription#doctorWeights()} names its weights.
     */
    PRETRAINED,
    /** Bundles of format 1 did not record it; scoring does not depend on it. */
    UNRECORDED
}
