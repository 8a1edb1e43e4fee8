package io.stereotype.kestra;

/** The patch network variant; the trainer takes it lower-case ({@code --network paper}). */
public enum Network {
    /** Table 1 of the paper: patch 64, 512-d descriptor. */
    PAPER,
    /** The configurable wider variant. */
    WIDE
}
