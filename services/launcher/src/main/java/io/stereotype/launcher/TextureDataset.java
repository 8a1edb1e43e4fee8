package io.stereotype.launcher;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes a small synthetic inspection data set in the MVTec AD layout the trainer reads: grey woven textures as
 * normal images, and test images with scratches and spots whose masks are exact (a defect changes exactly the
 * pixels its mask marks). Plain Java2D, so the launcher needs no TensorFlow; the same sizes and seed give the same
 * files.
 *
 * <pre>
 * train/good/000.png ...          normal images
 * test/good/000.png ...           normal test images
 * test/{scratch,spot}/000.png ... defective test images
 * ground_truth/{scratch,spot}/000_mask.png
 * </pre>
 *
 * @param size          side of every image in pixels
 * @param train         normal training images
 * @param testGood      normal test images
 * @param perDefect     test images of each defect type
 * @param seed          seed of textures and defects
 */
public record TextureDataset(int size, int train, int testGood, int perDefect, long seed) {
    private static final String[] DEFECTS = {"scratch", "spot"};

    public TextureDataset {
        if (size < 32 || train < 1 || testGood < 1 || perDefect < 1) {
            throw new IllegalArgumentException("a data set needs images of at least 32 pixels and one image of each kind");
        }
    }

    /**
     * Writes one data set: {@code TextureDataset OUT SIZE TRAIN TEST_GOOD PER_DEFECT SEED}. How the plugin's test
     * data set was made (tasks/src/test/resources/data/README.md).
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: TextureDataset OUT SIZE TRAIN TEST_GOOD PER_DEFECT SEED");
            System.exit(2);
        }
        new TextureDataset(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
            Integer.parseInt(args[4]), Long.parseLong(args[5])).writeTo(Path.of(args[0]));
    }

    /**
     * Writes the data set into {@code root}, which must not exist yet: it is written beside it first and renamed
     * when complete, so an interrupted run never leaves a half data set that a later run would take for whole.
     */
    public Path writeTo(Path root) throws IOException {
        if (Files.exists(root)) {
            throw new IOException("will not overwrite " + root + ": it already exists");
        }
        Path parent = Files.createDirectories(root.toAbsolutePath().getParent());
        Path staging = Files.createTempDirectory(parent, root.getFileName() + ".partial-");
        try {
            Random random = new Random(seed);
            writeNormal(staging.resolve("train/good"), train, random);
            writeNormal(staging.resolve("test/good"), testGood, random);
            for (String defect : DEFECTS) {
                for (int i = 0; i < perDefect; i++) {
                    BufferedImage image = texture(random);
                    BufferedImage mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
                    paintDefect(defect, image, mask, random);
                    write(image, staging.resolve("test").resolve(defect).resolve(name(i) + ".png"));
                    write(mask, staging.resolve("ground_truth").resolve(defect).resolve(name(i) + "_mask.png"));
                }
            }
            Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
            return root;
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
    }

    private void writeNormal(Path folder, int count, Random random) throws IOException {
        for (int i = 0; i < count; i++) {
            write(texture(random), folder.resolve(name(i) + ".png"));
        }
    }

    /** A plain weave: two crossing sine gratings with a random phase, plus fine noise, like fabric under a camera. */
    private BufferedImage texture(Random random) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        double period = 8.0;
        double phaseX = random.nextDouble() * period;
        double phaseY = random.nextDouble() * period;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double warp = Math.sin(2 * Math.PI * (x + phaseX) / period);
                double weft = Math.sin(2 * Math.PI * (y + phaseY) / period);
                double value = 128 + 45 * (x / 4 % 2 == y / 4 % 2 ? warp : weft) + random.nextGaussian() * 6;
                raster.setSample(x, y, 0, clamp(value));
            }
        }
        return image;
    }

    /**
     * Draws the defect's shape into the mask, then changes the image under the mask only: mask and defect cannot
     * disagree, whatever the shape.
     */
    private void paintDefect(String defect, BufferedImage image, BufferedImage mask, Random random) {
        Graphics2D g = mask.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(Color.WHITE);
        Shape shape = defect.equals("scratch") ? scratch(random) : spot(random);
        if (defect.equals("scratch")) {
            g.setStroke(new BasicStroke(Math.max(2f, size / 48f)));
            g.draw(shape);
        } else {
            g.fill(shape);
        }
        g.dispose();
        int shift = defect.equals("scratch") ? 90 : -70;
        WritableRaster pixels = image.getRaster();
        WritableRaster marked = mask.getRaster();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (marked.getSample(x, y, 0) != 0) {
                    pixels.setSample(x, y, 0, clamp(pixels.getSample(x, y, 0) + shift));
                }
            }
        }
    }

    /** A slightly bent line across a good part of the image. */
    private Shape scratch(Random random) {
        double x1 = size * (0.1 + 0.3 * random.nextDouble());
        double y1 = size * (0.1 + 0.8 * random.nextDouble());
        double x2 = size * (0.6 + 0.3 * random.nextDouble());
        double y2 = size * (0.1 + 0.8 * random.nextDouble());
        double bend = size * 0.15 * (random.nextDouble() - 0.5);
        return random.nextBoolean()
            ? new Line2D.Double(x1, y1, x2, y2)
            : new QuadCurve2D.Double(x1, y1, (x1 + x2) / 2 + bend, (y1 + y2) / 2 - bend, x2, y2);
    }

    /** A stain of a tenth to a sixth of the image side. */
    private Shape spot(Random random) {
        double w = size * (0.1 + 0.07 * random.nextDouble());
        double h = size * (0.1 + 0.07 * random.nextDouble());
        return new Ellipse2D.Double(random.nextDouble() * (size - w), random.nextDouble() * (size - h), w, h);
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    private static String name(int index) {
        return String.format(Locale.ROOT, "%03d", index);
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM for " + file);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // cleaning up after a failure: the original error is the one to report
        }
    }
}
