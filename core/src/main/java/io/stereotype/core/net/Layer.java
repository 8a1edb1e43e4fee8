package io.stereotype.core.net;

/**
 * One layer of a patch network: a VALID convolution (optionally followed by LeakyReLU) or a
 * 2x2 max pooling with stride 2.
 */
public record Layer(Kind kind, int kernel, int channels, boolean activation) {
    public enum Kind { CONV, POOL }

    public static Layer conv(int kernel, int channels) {
        return new Layer(Kind.CONV, kernel, channels, true);
    }

    public static Layer pool() {
        return new Layer(Kind.POOL, 2, 0, false);
    }
}
