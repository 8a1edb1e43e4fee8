package io.stereotype.core.infer;

import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.Parameter;
import io.stereotype.core.net.PatchNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Writes a trained network as a TensorFlow SavedModel that maps whole images to dense descriptor
 * maps, and reads the weights of such a SavedModel back (to train students or seed a doctor).
 */
public final class SavedModels {
    public static final String SIGNATURE = "serving_default";
    public static final String INPUT = "image";
    public static final String OUTPUT = "descriptors";

    private SavedModels() {
    }

    /**
     * Exports {@code [1, H, W, C]} images in [0, 1] to {@code [1, H', W', descriptorDim]} maps at the
     * given output stride. The folder must not exist yet (callers export to a temporary folder).
     */
    public static void export(NetworkSpec spec, InputNormalization normalization, NetworkParameters parameters,
                              int outputStride, Path folder) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> image = tf.withName(INPUT).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, spec.inputChannels())));
            Operand<TFloat32> descriptors = tf.withName(OUTPUT).identity(
                    PatchNetwork.trainable(tf, spec, normalization, parameters, "").denseDescriptors(tf, image, outputStride));
            try (Session session = new Session(graph)) {
                session.initialize();
                Signature signature = Signature.builder().key(SIGNATURE).input(INPUT, image).output(OUTPUT, descriptors).build();
                SavedModelBundle.exporter(folder.toString()).withSession(session).withSignature(signature).export();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export SavedModel to " + folder, e);
        }
    }

    /** Reads the weights named like those of {@code spec} from a SavedModel folder. */
    public static NetworkParameters readParameters(Path folder, NetworkSpec spec) {
        if (!Files.isRegularFile(folder.resolve("saved_model.pb"))) {
            throw new IllegalArgumentException("not a SavedModel folder (no saved_model.pb): " + folder);
        }
        NetworkParameters template = NetworkParameters.initial(spec, 0);
        List<Parameter> parameters = new ArrayList<>();
        try (SavedModelBundle bundle = SavedModelBundle.load(folder.toString(), "serve")) {
            Session.Runner runner = bundle.session().runner();
            template.parameters().forEach(p -> runner.fetch(p.name()));
            try (Result result = runner.run()) {
                for (int i = 0; i < template.parameters().size(); i++) {
                    Parameter expected = template.parameters().get(i);
                    TFloat32 tensor = (TFloat32) result.get(i);
                    if (!java.util.Arrays.equals(tensor.shape().asArray(), expected.shape())) {
                        throw new IllegalArgumentException("SavedModel " + folder + ": weight " + expected.name()
                                + " has shape " + tensor.shape() + ", the " + spec.variant() + " network with patch "
                                + spec.patchSize() + " needs " + Shape.of(expected.shape()));
                    }
                    float[] values = new float[(int) tensor.shape().size()];
                    tensor.copyTo(DataBuffers.of(values));
                    parameters.add(new Parameter(expected.name(), expected.shape(), values));
                }
            }
        } catch (org.tensorflow.exceptions.TensorFlowException e) {
            throw new IllegalArgumentException("SavedModel " + folder + " does not hold the weights of a "
                    + spec.variant() + " network with patch " + spec.patchSize() + ": " + e.getMessage(), e);
        }
        return new NetworkParameters(parameters);
    }
}
