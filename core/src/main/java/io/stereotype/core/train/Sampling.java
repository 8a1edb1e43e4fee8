package io.stereotype.core.train;

/** How a student's training steps see the training images; see docs/algorithm.md, "Dense training". */
public enum Sampling {
    /** Random patches, each run through teacher and student on its own (Section 4.2 as written). */
    PATCHES,
    /**
     * Random crops run through the dense graphs of teacher and student: every patch position of a
     * crop is a training sample, and the work of overlapping patches is shared.
     */
    DENSE
}
