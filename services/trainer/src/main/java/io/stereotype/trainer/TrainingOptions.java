package io.stereotype.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stereotype.core.train.TrainingConfig;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Option;

/**
 * Hyper-parameter flags. Precedence: flag, then configuration ({@code stereotype.training.<field>}
 * in application.properties or the environment, e.g. STEREOTYPE_TRAINING_MASTERS=4), then the
 * built-in defaults of {@link TrainingConfig#defaults()}.
 */
public final class TrainingOptions {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--masters", description = "Number of masters M.")
    Integer masters;
    @Option(names = "--bachelors", description = "Bachelors per master B (default 2).")
    Integer bachelors;
    @Option(names = "--epochs", description = "Epochs of every network (sets both --doctor-epochs and --student-epochs).")
    Integer epochs;
    @Option(names = "--doctor-epochs", description = "Epochs of the doctor.")
    Integer doctorEpochs;
    @Option(names = "--student-epochs", description = "Epochs of each master and bachelor.")
    Integer studentEpochs;
    @Option(names = "--patch-size", description = "Patch side: 32 or 64.")
    Integer patchSize;
    @Option(names = "--image-size", description = "Side images are resized to (0 keeps their size).")
    Integer imageSize;
    @Option(names = "--network", description = "Patch network: paper (Table 1) or wide.")
    String network;
    @Option(names = "--learning-rate", description = "Adam learning rate.")
    Float learningRate;
    @Option(names = "--batch-size", description = "Patches per step.")
    Integer batchSize;
    @Option(names = "--patches-per-image", description = "Random patches per training image and epoch.")
    Integer patchesPerImage;
    @Option(names = "--mu", description = "Weight of the regression loss in mu*L_d + (1-mu)*L_p.")
    Float mu;
    @Option(names = "--compactness", description = "Compactness reading: descriptor_pairs or dimensions.")
    String compactness;
    @Option(names = "--map-stride", description = "Output stride of dense maps: 1, 2, 4 or 8.")
    Integer mapStride;
    @Option(names = "--smoothing-sigma", description = "Gaussian sigma of anomaly maps in pixels (0 = none).")
    Double smoothingSigma;
    @Option(names = "--raw-sum", description = "Sum the bias terms raw (Eq. 10) instead of standardising them first.")
    Boolean rawSum;
    @Option(names = "--seed", description = "Base seed.")
    Long seed;
    @Option(names = "--sampling", description = "How students see the images: dense (whole crops through the dense graphs; the default) or patches (random patches).")
    String sampling;
    @Option(names = "--crop-size", description = "Crop side of dense student training (0 = the image's side), cut from the image padded as the scorer pads it.")
    Integer cropSize;
    @Option(names = "--crops-per-step", description = "Crops per dense training step.")
    Integer cropsPerStep;
    @Option(names = "--fail-on-stalled", description = "Fail the training step of a network that did not learn (exit 3) instead of only flagging it.")
    Boolean failOnStalled;

    /** The effective configuration; a bad value is a usage error naming the field. */
    public TrainingConfig resolve() {
        return resolve(ConfigProvider.getConfig());
    }

    /** As {@link #resolve()}, with the values {@code config} holds between the flags and the defaults. */
    TrainingConfig resolve(Config config) {
        ObjectNode node = MAPPER.valueToTree(TrainingConfig.defaults());
        for (RecordComponent component : TrainingConfig.class.getRecordComponents()) {
            Optional<String> configured = config.getOptionalValue("stereotype.training." + component.getName(), String.class);
            configured.ifPresent(v -> node.put(component.getName(), v));
        }
        flags().forEach((key, value) -> {
            if (value != null) {
                node.put(key, String.valueOf(value));
            }
        });
        try {
            return MAPPER.treeToValue(node, TrainingConfig.class).validate();
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UsageException(e.getMessage());
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "?" : e.getPath().getLast().getFieldName();
            throw new ExitCodes.UsageException("invalid training config: " + field + " = " + node.path(field).asText()
                    + " (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (JsonProcessingException e) {
            throw new ExitCodes.UsageException("invalid training config: " + e.getOriginalMessage());
        }
    }

    private Map<String, Object> flags() {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("masters", masters);
        flags.put("bachelors", bachelors);
        flags.put("doctorEpochs", doctorEpochs != null ? doctorEpochs : epochs);
        flags.put("studentEpochs", studentEpochs != null ? studentEpochs : epochs);
        flags.put("patchSize", patchSize);
        flags.put("imageSize", imageSize);
        flags.put("network", network == null ? null : network.toUpperCase(java.util.Locale.ROOT));
        flags.put("learningRate", learningRate);
        flags.put("batchSize", batchSize);
        flags.put("patchesPerImage", patchesPerImage);
        flags.put("mu", mu);
        flags.put("compactness", compactness == null ? null : compactness.toUpperCase(java.util.Locale.ROOT));
        flags.put("mapStride", mapStride);
        flags.put("smoothingSigma", smoothingSigma);
        flags.put("standardizeTerms", rawSum == null ? null : !rawSum);
        flags.put("seed", seed);
        flags.put("sampling", sampling == null ? null : sampling.toUpperCase(java.util.Locale.ROOT));
        flags.put("cropSize", cropSize);
        flags.put("cropsPerStep", cropsPerStep);
        flags.put("failOnStalled", failOnStalled);
        return flags;
    }
}
