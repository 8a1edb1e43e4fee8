package io.stereotype.core.bench;

import io.stereotype.core.TrainingData;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.pretrained.PretrainedDoctor;
import io.stereotype.core.score.GridGeometry;
import io.stereotype.core.train.DenseGrid;
import io.stereotype.core.train.DescriberGraph;
import io.stereotype.core.train.DenseStudents;
import io.stereotype.core.train.DenseTeacher;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingImage;
import io.stereotype.core.train.TrainingSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What bounds a master's standardised regression loss against the pretrained doctor (docs/algorithm.md,
 * "What the masters learn"), one row per choice of backbone blocks:
 * <ul>
 * <li>context: the same patch is described in two contexts, its own training image and another
 * training image it is pasted into; half the mean squared difference of the two standardised
 * descriptors estimates E[Var(D | patch)], the part of D's variance no function of the patch
 * predicts, a floor for any patch network. The paste leaves a seam inside D's window, so the figure
 * is an upper estimate;</li>
 * <li>crop noise: how far D's cells of a 128-pixel crop are from the same cells of the whole padded
 * image, what targets computed on crops carried before {@code train.TeacherMaps};</li>
 * <li>rank: the share of the variance of D's maps of the whole training images outside their 4 leading
 * principal components, an exact floor for a Table 1 student, whose descriptors lie in a 4-dimensional
 * affine subspace: the doctor's {@code regressionFloor}, measured when it is exported.</li>
 * </ul>
 *
 * <p>Usage: {@code DoctorContextBenchmark WEIGHTS PHOTO.png PAIRS [--patch-size 32|64] TAPS...}, each
 * TAPS a comma-separated list of backbone blocks; the texture config's 128-pixel grey crops of the photo.
 */
public final class DoctorContextBenchmark {
    private DoctorContextBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: DoctorContextBenchmark WEIGHTS PHOTO.png PAIRS [--patch-size 32|64] TAPS...");
        }
        Path weights = Path.of(args[0]);
        int pairs = Integer.parseInt(args[2]);
        TrainingConfig.Builder builder = AccuracyBenchmark.textureConfig().toBuilder();
        int first = 3;
        if (args[first].equals("--patch-size")) {
            builder.patchSize(Integer.parseInt(args[first + 1]));
            first += 2;
        }
        TrainingConfig config = builder.build();
        Path work = Files.createTempDirectory("stereotype-context");
        List<TrainingImage> images = TrainingData.of(MvtecDataset.open(AccuracyBenchmark.textureData(Path.of(args[1]), work))).images();
        TrainingSet set = TrainingSet.prepare(images, null, config);
        System.out.println("What bounds a master of the pretrained doctor on " + Path.of(args[1]).getFileName() + ", patch "
                + config.patchSize() + ", " + pairs + " patches each in two contexts");
        System.out.println("| blocks tapped | descriptor size | variance of D over the patches | context share (floor of a patch network's loss) | crop noise: mean squared difference, cell of a crop vs of the whole image | variance outside the top 4 principal components (floor of a Table 1 student) |");
        System.out.println("|---|---|---|---|---|---|");
        for (int i = first; i < args.length; i++) {
            List<Integer> taps = Arrays.stream(args[i].split(",")).map(Integer::valueOf).toList();
            PretrainedDoctor doctor = PretrainedDoctor.export(config, set, weights, work.resolve("doctor-" + i), taps);
            DenseGrid grid = DenseStudents.grid(config, set.channels());
            double[] figures = measure(doctor.dense(grid), grid, images, pairs, new Random(11));
            double cropNoise = cropNoise(doctor.dense(grid), grid, images, config, pairs / 10, new Random(13));
            System.out.println(String.format(Locale.ROOT, "| %s | %d | %.3f | **%.3f** | %.3f | %.3f |", taps, doctor.descriptorDim(),
                    figures[0], figures[1], cropNoise, doctor.regressionFloor()));
        }
    }

    /** Mean squared difference between D's cells of a 128-pixel crop and the same cells of the whole padded image. */
    private static double cropNoise(DenseTeacher teacher, DenseGrid grid, List<TrainingImage> images, TrainingConfig config,
                                    int count, Random random) {
        GridGeometry geometry = new GridGeometry(config.patchSize(), config.networkSpec(1).receptiveField(), config.mapStride());
        FloatImage first = geometry.input(images.getFirst().read());
        int side = first.width();
        int crop = 128;
        int channels = first.channels();
        int dim = teacher.descriptorDim();
        double sum = 0;
        long cells = 0;
        try (DescriberGraph whole = new DescriberGraph(side, channels, teacher::denseDescriptors);
             DescriberGraph window = new DescriberGraph(crop, channels, teacher::denseDescriptors)) {
            for (int n = 0; n < count; n++) {
                FloatImage input = geometry.input(images.get(random.nextInt(images.size())).read());
                int x = grid.stride() * random.nextInt((side - crop) / grid.stride() + 1);
                int y = grid.stride() * random.nextInt((side - crop) / grid.stride() + 1);
                float[] a = whole.run(input.data(), 1);
                float[] b = window.run(input.crop(x, y, crop, crop).data(), 1);
                int wholeCells = grid.positions(side);
                int cropCells = grid.positions(crop);
                for (int i = 0; i < cropCells; i++) {
                    for (int j = 0; j < cropCells; j++) {
                        int ai = ((y / grid.stride() + i) * wholeCells + x / grid.stride() + j) * dim;
                        int bi = (i * cropCells + j) * dim;
                        for (int d = 0; d < dim; d++) {
                            double diff = a[ai + d] - b[bi + d];
                            sum += diff * diff;
                        }
                        cells++;
                    }
                }
            }
        }
        return sum / (cells * dim);
    }

    /** {variance of D's centre cell over the patches, half the mean squared difference between the two contexts}. */
    private static double[] measure(DenseTeacher teacher, DenseGrid grid, List<TrainingImage> images, int pairs, Random random) {
        FloatImage sample = images.getFirst().read();
        int side = sample.width();
        int cells = grid.positions(side);
        int centre = cells / 2;
        int patch = grid.patchSize();
        int origin = centre * grid.stride();
        int dim = teacher.descriptorDim();
        double[] sum = new double[dim];
        double[] sumSquares = new double[dim];
        double squaredDifference = 0;
        try (DescriberGraph graph = new DescriberGraph(side, sample.channels(), teacher::denseDescriptors)) {
            for (int n = 0; n < pairs; n++) {
                FloatImage own = images.get(random.nextInt(images.size())).read();
                FloatImage other = images.get(random.nextInt(images.size())).read();
                float[] pasted = other.data().clone();
                int channels = own.channels();
                for (int y = origin; y < origin + patch; y++) {
                    System.arraycopy(own.data(), (y * side + origin) * channels, pasted, (y * side + origin) * channels, patch * channels);
                }
                float[] batch = new float[2 * own.data().length];
                System.arraycopy(own.data(), 0, batch, 0, own.data().length);
                System.arraycopy(pasted, 0, batch, own.data().length, pasted.length);
                float[] out = graph.run(batch, 2);
                int ownCell = (centre * cells + centre) * dim;
                int otherCell = ((cells + centre) * cells + centre) * dim;
                for (int d = 0; d < dim; d++) {
                    double a = out[ownCell + d];
                    double b = out[otherCell + d];
                    sum[d] += a;
                    sumSquares[d] += a * a;
                    squaredDifference += (a - b) * (a - b);
                }
            }
        }
        double variance = 0;
        for (int d = 0; d < dim; d++) {
            double mean = sum[d] / pairs;
            variance += sumSquares[d] / pairs - mean * mean;
        }
        return new double[] {variance / dim, squaredDifference / (2.0 * pairs * dim)};
    }
}
