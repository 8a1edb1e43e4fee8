package io.stereotype.core.pretrained;

import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.io.Folders;
import io.stereotype.core.io.Json;
import io.stereotype.core.model.DescriptorMoments;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.score.GridGeometry;
import io.stereotype.core.train.DenseCropSampler;
import io.stereotype.core.train.DenseDescriber;
import io.stereotype.core.train.DenseGrid;
import io.stereotype.core.train.DenseStudents;
import io.stereotype.core.train.DenseTeacher;
import io.stereotype.core.train.TeacherMaps;
import io.stereotype.core.train.PatchDescriber;
import io.stereotype.core.train.Sampling;
import io.stereotype.core.train.Standardisation;
import io.stereotype.core.train.Teacher;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The ImageNet-pretrained doctor (design (a) of docs/algorithm.md): EfficientNet-Lite0's blocks
 * {@link BackboneDescriptors#DEFAULT_TAPS}, pooled to the students' grid, are D. Nothing is trained:
 * {@link #export} writes its network folder (SavedModel, descriptor statistics on normal training
 * patches, the weights' SHA-256) and {@link #open} makes it the masters' teacher again from that
 * folder and the same weights file.
 */
public final class PretrainedDoctor implements Teacher {
    private final BackboneDescriptors backbone;
    private final int patchSize;
    private final int patchStride;
    private final DescriptorStatistics statistics;
    private final double regressionFloor;
    /** Its standardised maps of the whole images of the last set its students trained on, for the next master. */
    private Kept kept;

    private record Kept(TrainingSet set, GridGeometry scoring, DenseGrid grid, TeacherMaps maps) {
        boolean of(TrainingSet otherSet, GridGeometry otherScoring, DenseGrid otherGrid) {
            return set == otherSet && scoring.equals(otherScoring) && grid.equals(otherGrid);
        }
    }

    private PretrainedDoctor(BackboneDescriptors backbone, int patchSize, int patchStride, DescriptorStatistics statistics,
                             double regressionFloor) {
        this.backbone = backbone;
        this.patchSize = patchSize;
        this.patchStride = patchStride;
        this.statistics = statistics;
        this.regressionFloor = regressionFloor;
    }

    /**
     * Measures the descriptor statistics on normal training patches, and the lowest regression loss
     * students of {@code config}'s network can reach on them, and writes the doctor's network folder
     * (atomically) for those students.
     */
    public static PretrainedDoctor export(TrainingConfig config, TrainingSet set, Path weights, Path folder) {
        return export(config, set, weights, folder, BackboneDescriptors.DEFAULT_TAPS);
    }

    /** As {@link #export(TrainingConfig, TrainingSet, Path, Path)} with other backbone blocks as descriptors. */
    public static PretrainedDoctor export(TrainingConfig config, TrainingSet set, Path weights, Path folder, List<Integer> taps) {
        String sha256 = sha256(weights);
        EfficientNetLite0 net = EfficientNetLite0.load(weights);
        BackboneDescriptors frozen = new BackboneDescriptors(net, taps,
                EfficientNetLite0.WeightFactory.CONSTANTS);
        NetworkSpec students = config.networkSpec(set.channels());
        PretrainedDoctor unmeasured = new PretrainedDoctor(frozen, config.patchSize(), students.maxStride(),
                DescriptorStatistics.unit(frozen.descriptorDim()), 0);
        DenseGrid grid = DenseStudents.grid(config, set.channels());
        GridGeometry scoring = DenseCropSampler.scoring(set, config);
        // dense students regress the maps of the whole images: measured on those, and kept for the masters
        Optional<TeacherMaps> rawMaps = config.sampling() == Sampling.DENSE
                ? TeacherMaps.compute(set, scoring, unmeasured.dense(grid), grid) : Optional.empty();
        DescriptorMoments moments = rawMaps.map(TeacherMaps::moments).orElseGet(() -> config.sampling() == Sampling.DENSE
                ? cropMoments(unmeasured, config, set, grid)
                : patchMoments(unmeasured, config, set));
        DescriptorStatistics statistics = moments.statistics();
        double floor = moments.regressionFloor(students.bottleneck());
        InputNormalization identity = InputNormalization.identity(set.channels());
        Folders.writeAtomically(folder, temp -> {
            PretrainedDoctorModel.export(net, taps, set.channels(), config.patchSize(), config.mapStride(),
                    set.onePatchImages(config.patchSize()), NetworkFolder.savedModel(temp));
            Json.write(temp.resolve(NetworkFolder.DESCRIPTION), new NetworkFolder.Description(NetworkId.DOCTOR.name(),
                    config.network(), config.patchSize(), set.channels(), config.mapStride(), identity.mean(), identity.std(),
                    statistics.mean(), statistics.std(), frozen.descriptorDim(), NetworkFolder.PRETRAINED_BACKBONE,
                    taps, sha256, floor, null, null));
        });
        PretrainedDoctor doctor = new PretrainedDoctor(frozen, config.patchSize(), students.maxStride(), statistics, floor);
        rawMaps.ifPresent(maps -> doctor.kept = new Kept(set, scoring, grid, maps.standardised(statistics)));
        return doctor;
    }

    /** Moments of the backbone's description of patches seen alone: the targets of patch training. */
    private static DescriptorMoments patchMoments(PretrainedDoctor unmeasured, TrainingConfig config, TrainingSet set) {
        try (PatchDescriber describer = new PatchDescriber(config.patchSize(), set.channels(), unmeasured)) {
            return DescriptorMoments.of(List.of(describer.describe(set.sampler(config, NetworkId.DOCTOR.seed(config.seed()) + 1),
                    config.statisticsPatches())), unmeasured.descriptorDim());
        }
    }

    /**
     * Moments of the backbone's dense maps of training crops, where each cell also sees the context around
     * its patch within the crop: the targets of a streamed set's students, whose whole-image maps are not kept.
     */
    private static DescriptorMoments cropMoments(PretrainedDoctor unmeasured, TrainingConfig config, TrainingSet set, DenseGrid grid) {
        DenseCropSampler sampler = DenseCropSampler.of(set, config, grid, NetworkId.DOCTOR.seed(config.seed()) + 1);
        try (DenseDescriber describer = new DenseDescriber(sampler.crop(), set.channels(), unmeasured.dense(grid))) {
            return describer.moments(sampler, config.statisticsPatches());
        }
    }

    /**
     * Its standardised maps of the whole images of {@code set} ({@link TeacherMaps}): computed once per set
     * and kept, so that every master of a tree trained in one process regresses the same maps without the
     * backbone running over the images again (the export's maps serve the first).
     */
    private synchronized Optional<TeacherMaps> wholeImageMaps(TrainingSet set, GridGeometry scoring, DenseGrid grid,
                                                             DenseTeacher teacher) {
        if (kept == null || !kept.of(set, scoring, grid)) {
            Optional<TeacherMaps> maps = TeacherMaps.compute(set, scoring, teacher, grid);
            if (maps.isEmpty()) {
                return maps;
            }
            kept = new Kept(set, scoring, grid, maps.get());
        }
        return Optional.of(kept.maps());
    }

    /**
     * The doctor of a network folder written by {@link #export}, computed from {@code weights}, which
     * must be the file it was exported from (same SHA-256).
     */
    public static PretrainedDoctor open(Path folder, Path weights) {
        NetworkFolder.Description d = NetworkFolder.describe(folder);
        if (!d.isPretrainedBackbone()) {
            throw new IllegalArgumentException(folder + " is not a pretrained doctor's folder");
        }
        String sha256 = sha256(weights);
        if (!sha256.equals(d.weightsSha256())) {
            throw new IllegalArgumentException("the pretrained doctor in " + folder + " was exported from weights with SHA-256 "
                    + d.weightsSha256() + ", but " + weights + " has " + sha256 + ": use the same weights file for every step");
        }
        List<Integer> taps = d.taps();
        BackboneDescriptors frozen = new BackboneDescriptors(EfficientNetLite0.load(weights), taps,
                EfficientNetLite0.WeightFactory.CONSTANTS);
        NetworkSpec students = NetworkSpec.of(d.variant(), d.patchSize(), d.channels());
        return new PretrainedDoctor(frozen, d.patchSize(), students.maxStride(),
                new DescriptorStatistics(d.descriptorMean(), d.descriptorStd()),
                d.regressionFloor() == null ? 0 : d.regressionFloor());
    }

    /** Whether a network folder holds the pretrained doctor. */
    public static boolean isPretrained(Path folder) {
        return NetworkFolder.describe(folder).isPretrainedBackbone();
    }

    /** SHA-256 (lower-case hex) of a weights file; a missing or unreadable file is an error naming it. */
    public static String sha256(Path weights) {
        try (InputStream in = Files.newInputStream(weights)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pretrained doctor's weights " + weights, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public NetworkId id() {
        return NetworkId.DOCTOR;
    }

    @Override
    public int descriptorDim() {
        return backbone.descriptorDim();
    }

    @Override
    public DescriptorStatistics statistics() {
        return statistics;
    }

    /** Measured on the same descriptors as the statistics; 0 for folders written before it was recorded. */
    @Override
    public double regressionFloor() {
        return regressionFloor;
    }

    /** The backbone's description of a P x P patch seen alone: the one cell of its map on the patch. */
    @Override
    public Operand<TFloat32> patchDescriptors(Ops tf, Operand<TFloat32> patches) {
        Operand<TFloat32> map = backbone.singlePassDescriptors(tf, patches, patchSize, patchStride);
        return tf.reshape(map, tf.constant(new long[] {-1, backbone.descriptorDim()}));
    }

    /**
     * The backbone's map of whole crops on the students' grid, standardised: every cell describes its
     * patch in the context of the crop around it, as when scoring a whole image.
     */
    @Override
    public DenseTeacher dense(DenseGrid grid) {
        if (grid.patchSize() != patchSize) {
            throw new IllegalArgumentException("the pretrained doctor describes patches of " + patchSize + " pixels, the grid has "
                    + grid.patchSize());
        }
        return new DenseTeacher() {
            @Override
            public int descriptorDim() {
                return backbone.descriptorDim();
            }

            @Override
            public Operand<TFloat32> denseDescriptors(Ops tf, Operand<TFloat32> images) {
                long[] shape = images.shape().asArray();
                Operand<TFloat32> fitted = grid.fit(tf, backbone.denseDescriptors(tf, images, patchSize, grid.stride()),
                        (int) shape[1], (int) shape[2]);
                return Standardisation.standardise(tf, fitted, statistics);
            }

            @Override
            public Optional<TeacherMaps> wholeImageMaps(TrainingSet set, GridGeometry scoring) {
                return PretrainedDoctor.this.wholeImageMaps(set, scoring, grid, this);
            }
        };
    }
}
