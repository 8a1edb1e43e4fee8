package io.stereotype.launcher;

/**
 * The demo's small but real configuration: the generated 128x128 data set trained with the paper's tree shape at a
 * reduced size, so that a laptop runs every step of the retrain in a few minutes.
 */
final class DemoConfig {
    static final TextureDataset DATASET = new TextureDataset(128, 24, 6, 4, 7L);
    static final int EPOCHS = 10;
    static final int MASTERS = 2;
    static final int BACHELORS = 2;
    /** Patches of 32 pixels: the textures' pattern repeats every 8. */
    static final int PATCH_SIZE = 32;

    private DemoConfig() {
    }
}
