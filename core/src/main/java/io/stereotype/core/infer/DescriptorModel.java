package io.stereotype.core.infer;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.stereotype.core.image.FloatImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One exported network loaded through the DJL TensorFlow engine: a whole image in, its dense
 * descriptor map out. Thread-safe: each call uses its own predictor.
 */
public final class DescriptorModel implements AutoCloseable {
    private static final Translator<FloatImage, DescriptorMap> TRANSLATOR = new ImageToDescriptors();
    private final Model model;

    private DescriptorModel(Model model) {
        this.model = model;
    }

    public static DescriptorModel load(Path savedModel, String name) {
        TensorFlowRuntime.ensureReady();
        Model model = Model.newInstance(name, "TensorFlow");
        try {
            model.load(savedModel);
            return new DescriptorModel(model);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("cannot load network " + name + " from " + savedModel + ": " + e.getMessage(), e);
        }
    }

    public DescriptorMap describe(FloatImage image) {
        try (Predictor<FloatImage, DescriptorMap> predictor = model.newPredictor(TRANSLATOR)) {
            return predictor.predict(image);
        } catch (TranslateException e) {
            throw new IllegalStateException("inference of " + model.getName() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    /** [H, W, C] pixels to a [1, H, W, C] tensor, and the [1, H', W', D] output back to a map. */
    private static final class ImageToDescriptors implements Translator<FloatImage, DescriptorMap> {
        /** The translator adds the batch axis itself: images of one call may differ in size. */
        @Override
        public Batchifier getBatchifier() {
            return null;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, FloatImage image) {
            return new NDList(ctx.getNDManager().create(image.data(),
                    new Shape(1, image.height(), image.width(), image.channels())));
        }

        @Override
        public DescriptorMap processOutput(TranslatorContext ctx, NDList list) {
            NDArray out = list.singletonOrThrow();
            Shape shape = out.getShape();
            return new DescriptorMap((int) shape.get(2), (int) shape.get(1), (int) shape.get(3), out.toFloatArray());
        }
    }
}
