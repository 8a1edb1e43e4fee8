package io.stereotype.core.data;

import io.stereotype.core.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a synthetic data set in the MVTec AD layout ({@link MvtecDataset}): normal images of one
 * texture class (procedural, or random crops of texture photos) and test images with synthetic
 * defects ({@link SyntheticDefect}) and their exact masks. The same configuration and seed give
 * the same files.
 */
public final class TextureDatasetGenerator {

    private static final Pattern PHOTO = Pattern.compile("(?i).+\\.(png|jpe?g)");

    private final String texture;
    private final Path photos;
    private final int size;
    private final int trainCount;
    private final int testGoodCount;
    private final int defectCount;
    private final List<SyntheticDefect> defects;
    private final long seed;
    private final boolean grey;
    private final double defectScale;

    private TextureDatasetGenerator(Builder b) {
        this.texture = b.texture;
        this.photos = b.photos;
        this.size = b.size;
        this.trainCount = b.trainCount;
        this.testGoodCount = b.testGoodCount;
        this.defectCount = b.defectCount;
        this.defects = b.defects;
        this.seed = b.seed;
        this.grey = b.grey;
        this.defectScale = b.defectScale;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes {@code train/good}, {@code test/good}, {@code test/<defect>} and
     * {@code ground_truth/<defect>/<name>_mask.png} into a temporary sibling folder and renames it
     * to {@code outRoot} when complete.
     *
     * @throws DatasetException if {@code outRoot} exists and is not an empty folder, or writing fails
     */
    public void generate(Path outRoot) {
        TextureSource source = photos != null ? new PhotoTexture(photoFiles(photos), size, grey)
                : new ProceduralTexture(texture, size, grey);
        StagedDirectory.write(outRoot, folder -> {
            Random rng = new Random(seed);
            for (int i = 0; i < trainCount; i++) {
                ImageFiles.writePng(source.next(rng), folder.resolve("train/good").resolve(name(i) + ".png"));
            }
            for (int i = 0; i < testGoodCount; i++) {
                ImageFiles.writePng(source.next(rng), folder.resolve("test/good").resolve(name(i) + ".png"));
            }
            for (SyntheticDefect defect : defects) {
                for (int i = 0; i < defectCount; i++) {
                    DefectedImage defected = defect.apply(source.next(rng), rng, defectScale);
                    ImageFiles.writePng(defected.image(), folder.resolve("test").resolve(defect.folderName()).resolve(name(i) + ".png"));
                    ImageFiles.writeMask(defected.mask(), size, size,
                            folder.resolve("ground_truth").resolve(defect.folderName()).resolve(name(i) + "_mask.png"));
                }
            }
        });
    }

    /** The file itself, or the PNG and JPEG files of a folder in name order. */
    private static List<Path> photoFiles(Path fileOrFolder) {
        if (!Files.isDirectory(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        try (Stream<Path> entries = Files.list(fileOrFolder)) {
            List<Path> photos = entries.filter(f -> PHOTO.matcher(f.getFileName().toString()).matches()).sorted().toList();
            if (photos.isEmpty()) {
                throw new DatasetException("the photo folder " + fileOrFolder + " has no .png, .jpg or .jpeg files");
            }
            return photos;
        } catch (IOException e) {
            throw new DatasetException("cannot list the photo folder " + fileOrFolder + ": " + e.getMessage(), e);
        }
    }

    private static String name(int index) {
        return String.format("%03d", index);
    }

    /**
     * Configuration with defaults: noise texture, 128 px, 60 train, 10 good test, 5 per defect, all
     * defects of their usual size, RGB.
     */
    public static final class Builder {

        private String texture = "noise";
        private Path photos;
        private int size = 128;
        private int trainCount = 60;
        private int testGoodCount = 10;
        private int defectCount = 5;
        private List<SyntheticDefect> defects = List.of(SyntheticDefect.values());
        private long seed = 0;
        private boolean grey = false;
        private double defectScale = 1.0;

        private Builder() {
        }

        /** Procedural texture kind: {@code noise}, {@code wood} or {@code weave}. */
        public Builder texture(String kind) {
            this.texture = ProceduralTexture.requireKnown(kind);
            return this;
        }

        /**
         * Use random crops of texture photos instead of a procedural texture: one PNG or JPEG file,
         * or a folder of them (each crop from a random photo); each at least {@code size} square.
         */
        public Builder photos(Path fileOrFolder) {
            this.photos = fileOrFolder;
            return this;
        }

        /** Multiplies every defect's extent (see {@link SyntheticDefect#apply(io.stereotype.core.image.FloatImage, Random, double)}). */
        public Builder defectScale(double scale) {
            if (!(scale >= SyntheticDefect.MIN_SCALE && scale <= SyntheticDefect.MAX_SCALE)) {
                throw new IllegalArgumentException("defectScale must be between " + SyntheticDefect.MIN_SCALE + " and "
                        + SyntheticDefect.MAX_SCALE + ", got " + scale);
            }
            this.defectScale = scale;
            return this;
        }

        /** Side of the square images in pixels (at least 32, so that defects fit). */
        public Builder size(int size) {
            this.size = atLeast(32, size, "size");
            return this;
        }

        public Builder trainCount(int count) {
            this.trainCount = atLeast(1, count, "trainCount");
            return this;
        }

        public Builder testGoodCount(int count) {
            this.testGoodCount = atLeast(1, count, "testGoodCount");
            return this;
        }

        /** Number of test images per defect type. */
        public Builder defectCount(int perType) {
            this.defectCount = atLeast(1, perType, "defectCount");
            return this;
        }

        /** Defect types by folder name: {@code scratch}, {@code spot}, {@code hole}, {@code stain}. */
        public Builder defects(List<String> names) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("at least one defect type is needed, e.g. "
                        + Arrays.stream(SyntheticDefect.values()).map(SyntheticDefect::folderName).toList());
            }
            List<SyntheticDefect> parsed = new ArrayList<>();
            for (String name : names) {
                SyntheticDefect defect = SyntheticDefect.byName(name);
                if (parsed.contains(defect)) {
                    throw new IllegalArgumentException("defect '" + name + "' listed twice");
                }
                parsed.add(defect);
            }
            this.defects = List.copyOf(parsed);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** One grey channel instead of RGB. */
        public Builder grey(boolean grey) {
            this.grey = grey;
            return this;
        }

        public TextureDatasetGenerator build() {
            return new TextureDatasetGenerator(this);
        }

        private static int atLeast(int min, int value, String name) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
            }
            return value;
        }
    }
}
