package io.stereotype.core.net;

/** The patch network families the platform can train. */
public enum NetworkVariant {
    /** Table 1 of the paper: 64-32-16-8-4 channels, 512-d descriptor. */
    PAPER,
    /** Wider layers and a 128-d descriptor, in the spirit of Bergmann et al.'s patch networks. */
    WIDE
}
