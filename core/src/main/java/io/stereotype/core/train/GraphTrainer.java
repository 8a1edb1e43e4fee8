package io.stereotype.core.train;

import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The optimisation loop shared by the doctor and the students: Adam on a loss graph, batches from a
 * source, per-epoch mean losses to a listener, and a stop with a clear error when a loss stops being
 * finite (nothing is returned, so nothing can be exported).
 */
final class GraphTrainer {

    /**
     * The loss graph of one network: inputs, the total loss, its two parts and the trained variables.
     * {@code targets} is a flat input for regression targets fed with each batch, or null when the graph computes them.
     */
    record Objective(Placeholder<TFloat32> patches, Placeholder<TInt32> labels, Placeholder<TFloat32> targets,
                     Operand<TFloat32> loss, Operand<TFloat32> first, Operand<TFloat32> second,
                     List<Variable<TFloat32>> variables, List<String> names) {
    }

    interface ObjectiveFactory {
        Objective build(Ops tf);
    }

    /**
     * One batch: flat NHWC patches (or crops) and, for classification, their labels (for dense
     * training the compactness positions; else null), with the images and descriptor positions it
     * holds for the throughput count, and the regression targets when they are fed (else null).
     */
    record Batch(float[] patches, int[] labels, int images, int positions, float[] targets) {
        /** A batch of {@code count} patches: each is one image crop and one position. */
        Batch(float[] patches, int[] labels, int count) {
            this(patches, labels, count, count, null);
        }
    }

    interface BatchSource {
        Batch next(int size);
    }

    /**
     * Grappler's remapper tries to fuse BiasAdd and LeakyReLU in the forward pass, finds the gradient
     * ops still reading the unfused node and gives up with an error line on every graph; switching it
     * off for training graphs changes nothing but that line.
     */
    private static final ConfigProto TRAINING_SESSION = ConfigProto.newBuilder()
            .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(
                    RewriterConfig.newBuilder().setRemapping(RewriterConfig.Toggle.OFF)))
            .build();

    private GraphTrainer() {
    }

    /** The final values of the objective's variables, named as in its names, and the last epoch's losses. */
    record Trained(NetworkParameters parameters, EpochLosses lastEpoch) {
    }

    /** Trains patches of {@code patchSize x patchSize x channels} on {@code schedule}. */
    static Trained train(String network, int patchSize, int channels, Schedule schedule, ObjectiveFactory factory,
                         BatchSource batches, TrainingListener listener) {
        int epochs = schedule.epochs();
        int stepsPerEpoch = schedule.stepsPerEpoch();
        int batchSize = schedule.batchSize();
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Objective built = factory.build(tf);
            // identities give each fetched value its own name even when a part is the loss itself
            Objective objective = new Objective(built.patches(), built.labels(), built.targets(), built.loss(),
                    tf.identity(built.first()), tf.identity(built.second()), built.variables(), built.names());
            Op step = new Adam(graph, schedule.learningRate()).minimize(objective.loss());
            try (Session session = new Session(graph, TRAINING_SESSION)) {
                session.initialize();
                Shape shape = Shape.of(batchSize, patchSize, patchSize, channels);
                EpochLosses last = null;
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    long start = System.nanoTime();
                    double loss = 0, first = 0, second = 0;
                    long images = 0, positions = 0;
                    for (int s = 1; s <= stepsPerEpoch; s++) {
                        Batch batch = batches.next(batchSize);
                        float[] values = run(session, objective, step, shape, batch);
                        if (!Float.isFinite(values[0])) {
                            throw new TrainingException("training of " + network + " diverged: loss is " + values[0]
                                    + " at epoch " + epoch + ", step " + s + " (lower the learning rate); nothing was exported");
                        }
                        loss += values[0];
                        first += values[1];
                        second += values[2];
                        images += batch.images();
                        positions += batch.positions();
                        listener.onStep(network, epoch, s, stepsPerEpoch, values[0]);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    last = new EpochLosses(loss / stepsPerEpoch, first / stepsPerEpoch, second / stepsPerEpoch, seconds,
                            images, positions);
                    listener.onEpoch(network, epoch, epochs, last);
                }
                return new Trained(read(session, objective), last);
            }
        }
    }

    private static float[] run(Session session, Objective objective, Op step, Shape shape, Batch batch) {
        try (TFloat32 patches = TFloat32.tensorOf(shape, DataBuffers.of(batch.patches()));
             TInt32 labels = batch.labels() == null ? null
                     : TInt32.tensorOf(Shape.of(batch.labels().length), DataBuffers.of(batch.labels()));
             TFloat32 targets = batch.targets() == null ? null
                     : TFloat32.tensorOf(Shape.of(batch.targets().length), DataBuffers.of(batch.targets()))) {
            Session.Runner runner = session.runner().feed(objective.patches(), patches);
            if (labels != null) {
                runner.feed(objective.labels(), labels);
            }
            if (targets != null) {
                runner.feed(objective.targets(), targets);
            }
            try (Result result = runner.addTarget(step).fetch(objective.loss()).fetch(objective.first())
                    .fetch(objective.second()).run()) {
                return new float[] {scalar(result, 0), scalar(result, 1), scalar(result, 2)};
            }
        }
    }

    private static float scalar(Result result, int index) {
        return ((TFloat32) result.get(index)).getFloat();
    }

    private static NetworkParameters read(Session session, Objective objective) {
        Session.Runner runner = session.runner();
        objective.variables().forEach(runner::fetch);
        List<Parameter> parameters = new ArrayList<>();
        try (Result result = runner.run()) {
            for (int i = 0; i < objective.variables().size(); i++) {
                TFloat32 tensor = (TFloat32) result.get(i);
                float[] values = new float[(int) tensor.shape().size()];
                tensor.copyTo(DataBuffers.of(values));
                parameters.add(new Parameter(objective.names().get(i), tensor.shape().asArray(), values));
            }
        }
        return new NetworkParameters(parameters);
    }
}
