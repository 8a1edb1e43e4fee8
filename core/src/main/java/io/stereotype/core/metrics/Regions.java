package io.stereotype.core.metrics;

import java.util.Arrays;
import java.util.List;

/** The 8-connected regions of a list of ground-truth masks, numbered across all images. */
final class Regions {

    private final int[][] labels;
    private final int[] sizes;
    private final int normalPixels;
    private final int anomalousPixels;

    private Regions(int[][] labels, int[] sizes, int normalPixels, int anomalousPixels) {
        this.labels = labels;
        this.sizes = sizes;
        this.normalPixels = normalPixels;
        this.anomalousPixels = anomalousPixels;
    }

    /** @throws IllegalArgumentException if a mask's length is not its width times height */
    static Regions label(List<boolean[]> masks, List<int[]> sizes) {
        int[][] labels = new int[masks.size()][];
        int[] regionSizes = new int[16];
        int regions = 0;
        long anomalous = 0;
        long total = 0;
        for (int k = 0; k < masks.size(); k++) {
            boolean[] mask = masks.get(k);
            int[] size = sizes.get(k);
            if (size.length != 2 || (long) size[0] * size[1] != mask.length) {
                throw new IllegalArgumentException("mask " + k + " has " + mask.length + " pixels but its size is "
                        + Arrays.toString(size));
            }
            int width = size[0];
            int height = size[1];
            int[] label = new int[mask.length];
            Arrays.fill(label, -1);
            int[] stack = new int[16];
            for (int start = 0; start < mask.length; start++) {
                if (!mask[start] || label[start] >= 0) {
                    continue;
                }
                // flood fill with an explicit stack: regions can be far larger than the call stack allows
                int count = 0;
                int top = 0;
                stack[top++] = start;
                label[start] = regions;
                while (top > 0) {
                    int p = stack[--top];
                    count++;
                    int x = p % width;
                    int y = p / width;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int nx = x + dx;
                            int ny = y + dy;
                            int q = ny * width + nx;
                            if (nx >= 0 && nx < width && ny >= 0 && ny < height && mask[q] && label[q] < 0) {
                                label[q] = regions;
                                if (top == stack.length) {
                                    stack = Arrays.copyOf(stack, stack.length * 2);
                                }
                                stack[top++] = q;
                            }
                        }
                    }
                }
                if (regions == regionSizes.length) {
                    regionSizes = Arrays.copyOf(regionSizes, regions * 2);
                }
                regionSizes[regions++] = count;
                anomalous += count;
            }
            labels[k] = label;
            total += mask.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many pixels for one array: " + total);
        }
        return new Regions(labels, Arrays.copyOf(regionSizes, regions), (int) (total - anomalous), (int) anomalous);
    }

    /** Per pixel of image {@code k}: its region number, or -1 for a normal pixel. */
    int[] labelsOf(int k) {
        return labels[k];
    }

    /** Pixel count of every region, indexed by region number. */
    int[] sizes() {
        return sizes;
    }

    int normalPixels() {
        return normalPixels;
    }

    int anomalousPixels() {
        return anomalousPixels;
    }
}
