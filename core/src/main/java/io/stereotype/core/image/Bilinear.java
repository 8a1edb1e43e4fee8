package io.stereotype.core.image;

/** Bilinear resampling of interleaved (HWC) float planes, shared by {@link FloatImage} and {@link FloatMap}. */
final class Bilinear {

    private Bilinear() {
    }

    /**
     * Resizes with pixel centres aligned, like OpenCV's {@code INTER_LINEAR}: destination pixel
     * {@code x} samples source coordinate {@code (x + 0.5) * srcW / dstW - 0.5}, clamped to the
     * edge pixels (no anti-aliasing when shrinking, as in OpenCV).
     */
    static float[] resize(float[] src, int srcW, int srcH, int channels, int dstW, int dstH) {
        if (dstW <= 0 || dstH <= 0) {
            throw new IllegalArgumentException("resize target must be positive, got " + dstW + "x" + dstH);
        }
        int[] x0 = new int[dstW];
        int[] x1 = new int[dstW];
        float[] fx = new float[dstW];
        axisWeights(srcW, dstW, x0, x1, fx);
        int[] y0 = new int[dstH];
        int[] y1 = new int[dstH];
        float[] fy = new float[dstH];
        axisWeights(srcH, dstH, y0, y1, fy);

        float[] dst = new float[dstW * dstH * channels];
        for (int y = 0; y < dstH; y++) {
            int row0 = y0[y] * srcW;
            int row1 = y1[y] * srcW;
            float wy = fy[y];
            for (int x = 0; x < dstW; x++) {
                float wx = fx[x];
                for (int c = 0; c < channels; c++) {
                    float top = src[(row0 + x0[x]) * channels + c] * (1 - wx) + src[(row0 + x1[x]) * channels + c] * wx;
                    float bottom = src[(row1 + x0[x]) * channels + c] * (1 - wx) + src[(row1 + x1[x]) * channels + c] * wx;
                    dst[(y * dstW + x) * channels + c] = top * (1 - wy) + bottom * wy;
                }
            }
        }
        return dst;
    }

    private static void axisWeights(int srcSize, int dstSize, int[] lo, int[] hi, float[] frac) {
        double scale = (double) srcSize / dstSize;
        for (int i = 0; i < dstSize; i++) {
            double s = Math.max(0.0, (i + 0.5) * scale - 0.5);
            int i0 = Math.min((int) Math.floor(s), srcSize - 1);
            lo[i] = i0;
            hi[i] = Math.min(i0 + 1, srcSize - 1);
            frac[i] = i0 == srcSize - 1 ? 0f : (float) (s - i0);
        }
    }
}
