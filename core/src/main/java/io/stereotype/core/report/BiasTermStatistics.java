package io.stereotype.core.report;

/**
 * How one bias term (inference, delivery or peer) behaves on normal and on anomalous test images,
 * summarised over each image's maximum of that term's map (see {@link #DEFINITION}).
 */
public record BiasTermStatistics(String term, Summary normal, Summary anomalous) {

    public static final String DEFINITION = "For each bias term, the maximum of its per-pixel map (at image size, as it"
            + " enters the total anomaly map) is taken for every test image; mean and std are the mean and population"
            + " standard deviation of these maxima over the normal and over the anomalous test images (null when"
            + " there are none).";

    /**
     * @param images number of images summarised
     * @param mean   mean of their maxima, null without images
     * @param std    population standard deviation (divided by n), null without images
     */
    public record Summary(int images, Double mean, Double std) {

        static Summary of(double[] values) {
            if (values.length == 0) {
                return new Summary(0, null, null);
            }
            double mean = 0;
            for (double v : values) {
                mean += v;
            }
            mean /= values.length;
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return new Summary(values.length, mean, Math.sqrt(squares / values.length));
        }
    }
}
