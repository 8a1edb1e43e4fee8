package io.stereotype.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.train.CompactnessMode;
import io.stereotype.core.train.Losses;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Finite differences against TensorFlow's analytic gradients of the student loss with respect to
 * the patch network's weights: guards against broken native kernels and graph mistakes.
 */
class PatchNetworkGradientTest {
    private static final int BATCH = 8;

    @Test
    void weightGradientsMatchFiniteDifferences() {
        NetworkSpec spec = NetworkSpec.of(NetworkVariant.PAPER, 32, 1);
        NetworkParameters params = NetworkParameters.initial(spec, 5);
        Random random = new Random(9);
        float[] patches = new float[BATCH * 32 * 32];
        for (int i = 0; i < patches.length; i++) {
            patches[i] = random.nextFloat();
        }
        float[] targets = new float[BATCH * spec.descriptorDim()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (float) random.nextGaussian();
        }
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 32, 32, 1)));
            Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, spec.descriptorDim())));
            PatchNetwork network = PatchNetwork.trainable(tf, spec, new InputNormalization(new float[] {0.5f}, new float[] {0.25f}), params, "");
            Operand<TFloat32> out = network.patchDescriptors(tf, x);
            Operand<TFloat32> loss = Losses.mixed(tf, Losses.regression(tf, out, y),
                    Losses.compactness(tf, out, CompactnessMode.DESCRIPTOR_PAIRS), 0.7f);
            List<Variable<TFloat32>> variables = network.variables();
            var gradients = tf.gradients(loss, variables);
            try (Session session = new Session(graph);
                 TFloat32 xt = TFloat32.tensorOf(Shape.of(BATCH, 32, 32, 1), DataBuffers.of(patches));
                 TFloat32 yt = TFloat32.tensorOf(Shape.of(BATCH, spec.descriptorDim()), DataBuffers.of(targets))) {
                session.initialize();
                int checked = 0;
                for (int v = 0; v < variables.size(); v++) {
                    Parameter p = params.parameters().get(v);
                    if (!p.name().endsWith("_w")) {
                        continue;
                    }
                    float[] grad = fetch(session.runner().feed(x, xt).feed(y, yt).fetch(gradients.dy(v)));
                    int at = argMaxAbs(grad);
                    float h = 1e-2f * Math.max(1e-2f, Math.abs(p.values()[at]));
                    double[] losses = new double[2];
                    for (int sign = 0; sign < 2; sign++) {
                        float[] moved = p.values().clone();
                        moved[at] += sign == 0 ? h : -h;
                        assign(session, tf, variables.get(v), p.shape(), moved);
                        losses[sign] = fetch(session.runner().feed(x, xt).feed(y, yt).fetch(loss))[0];
                    }
                    assign(session, tf, variables.get(v), p.shape(), p.values());
                    double numeric = (losses[0] - losses[1]) / (2 * h);
                    assertEquals(numeric, grad[at], 0.03 * Math.abs(numeric) + 1e-5, "d loss / d " + p.name() + "[" + at + "]");
                    checked++;
                }
                assertTrue(checked >= 5, "checked every weight tensor");
            }
        }
    }

    private static void assign(Session session, Ops tf, Variable<TFloat32> variable, long[] shape, float[] values) {
        session.runner().addTarget(tf.assign(variable, tf.constant(Shape.of(shape), DataBuffers.of(values)))).run();
    }

    private static float[] fetch(Session.Runner runner) {
        try (Result result = runner.run()) {
            TFloat32 t = (TFloat32) result.get(0);
            float[] out = new float[(int) t.shape().size()];
            t.copyTo(DataBuffers.of(out));
            return out;
        }
    }

    private static int argMaxAbs(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(values[i]) > Math.abs(values[best])) {
                best = i;
            }
        }
        return best;
    }
}
