package io.stereotype.core.image;

/** Index arithmetic for reading past the edge of an image. */
final class Borders {

    private Borders() {
    }

    /**
     * Maps any index onto {@code [0, n)} by reflection without repeating the edge pixel
     * ("reflect-101": {@code ... c b | a b c d | c b a ...}), as numpy's {@code mode='reflect'}
     * and OpenCV's {@code BORDER_REFLECT_101}. The extension is periodic with period {@code 2n-2},
     * which is what repeated reflection gives when the pad is wider than the image.
     */
    static int reflect101(int index, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int m = Math.floorMod(index, period);
        return m < n ? m : period - m;
    }
}
