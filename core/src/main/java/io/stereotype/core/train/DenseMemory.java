package io.stereotype.core.train;

import io.stereotype.core.net.Layer;
import io.stereotype.core.net.NetworkSpec;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Checks before dense training starts that one step fits in memory, so that a crop or batch too
 * large for the machine is a clear error naming the settings, not an OOM kill minutes later.
 *
 * <p>The estimate counts every intermediate map of the dense graph (float32): the student's are
 * kept for the backward pass, which adds a gradient of each, and the teacher's forward pass
 * (frozen, its maps are freed as it goes, but the largest two exist at once). TensorFlow's own
 * scratch space and the weights are small beside them at the sizes where this check matters.
 */
public final class DenseMemory {
    /** Share of the free physical memory a step may use; the rest is left to the JVM and other processes. */
    static final double SHARE_OF_FREE = 0.7;

    private DenseMemory() {
    }

    /** Bytes of every intermediate map of the dense graph of {@code spec} on {@code crops} crops of side {@code crop}. */
    public static long activationBytes(NetworkSpec spec, int stride, int crop, int crops) {
        long total = 0;
        long side = crop;
        long dilation = 1;
        int poolStride = 1;
        for (Layer layer : spec.layers()) {
            if (layer.kind() == Layer.Kind.CONV) {
                side -= (layer.kernel() - 1) * dilation;
                total += side * side * layer.channels();
            } else if (poolStride * 2 <= stride) {
                side /= 2;
                poolStride *= 2;
            } else {
                side -= dilation;
                dilation *= 2;
            }
        }
        total += side * side * spec.descriptorDim();
        return 4L * crops * total;
    }

    /** Estimated peak bytes of one training step: student maps and their gradients, plus the teacher's. */
    public static long stepBytes(NetworkSpec spec, int stride, int crop, int crops) {
        return 3 * activationBytes(spec, stride, crop, crops);
    }

    /** Throws a TrainingException naming the settings when a step cannot fit in the memory that is free now. */
    public static void check(NetworkSpec spec, int stride, int crop, int crops) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        check(spec, stride, crop, crops, (long) (os.getFreeMemorySize() * SHARE_OF_FREE));
    }

    static void check(NetworkSpec spec, int stride, int crop, int crops, long budgetBytes) {
        long needed = stepBytes(spec, stride, crop, crops);
        if (needed > budgetBytes) {
            throw new TrainingException(String.format(Locale.ROOT,
                    "dense training step of %d crops of %dx%d (%s network, patch %d, stride %d) needs about %d MB,"
                            + " only %d MB can be used: lower cropSize (--crop-size) or cropsPerStep (--crops-per-step)",
                    crops, crop, crop, spec.variant().name().toLowerCase(Locale.ROOT), spec.patchSize(), stride,
                    needed >> 20, budgetBytes >> 20));
        }
    }
}
