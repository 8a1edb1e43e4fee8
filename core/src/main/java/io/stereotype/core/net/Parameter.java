package io.stereotype.core.net;

import java.util.Arrays;

/** A named weight tensor of a network, kept in Java so it can move between graphs and files. */
public record Parameter(String name, long[] shape, float[] values) {
    public Parameter {
        long size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (size != values.length) {
            throw new IllegalArgumentException("parameter " + name + " has shape " + Arrays.toString(shape)
                    + " but " + values.length + " values");
        }
    }
}
