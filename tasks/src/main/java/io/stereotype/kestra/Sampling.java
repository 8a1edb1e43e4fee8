package io.stereotype.kestra;

/** How students see the images (trainer {@code --sampling}, lower-case); see the trainer's docs/algorithm.md. */
public enum Sampling {
    /** Random patches, each through teacher and student on its own. */
    PATCHES,
    /** Whole crops through the dense graphs: every patch position of a crop per step. */
    DENSE
}
