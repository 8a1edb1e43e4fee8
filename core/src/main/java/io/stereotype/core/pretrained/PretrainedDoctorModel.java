package io.stereotype.core.pretrained;

import io.stereotype.core.infer.SavedModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Exports the pretrained doctor's dense descriptors as a SavedModel with the signature of every
 * exported network ({@link SavedModels#SIGNATURE}: {@link SavedModels#INPUT} [1, H, W, C] pixels in
 * [0, 1], {@link SavedModels#OUTPUT} [1, h, w, D]), so {@code DescriptorModel} loads it like a
 * trained doctor.
 */
public final class PretrainedDoctorModel {
    private PretrainedDoctorModel() {
    }

    /**
     * The folder must not exist yet (callers export to a temporary folder and move it).
     *
     * @param onePatchImages whether the model describes images of exactly one patch (MNIST-like sets,
     *                       scored as one descriptor): then in one pass of the backbone, as in training
     */
    public static void export(EfficientNetLite0 net, List<Integer> taps, int channels, int patchSize, int stride,
                              boolean onePatchImages, Path folder) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> image = tf.withName(SavedModels.INPUT).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, channels)));
            BackboneDescriptors doctor = new BackboneDescriptors(net, taps, EfficientNetLite0.WeightFactory.VARIABLES);
            Operand<TFloat32> descriptors = tf.withName(SavedModels.OUTPUT).identity(onePatchImages
                    ? doctor.singlePassDescriptors(tf, image, patchSize, stride)
                    : doctor.denseDescriptors(tf, image, patchSize, stride));
            try (Session session = new Session(graph)) {
                session.initialize();
                Signature signature = Signature.builder().key(SavedModels.SIGNATURE)
                        .input(SavedModels.INPUT, image).output(SavedModels.OUTPUT, descriptors).build();
                SavedModelBundle.exporter(folder.toString()).withSession(session).withSignature(signature).export();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the pretrained doctor to " + folder, e);
        }
    }
}
