package io.stereotype.core.train;

import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainedNetwork;
import io.stereotype.core.net.PatchNetwork;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What a student regresses: a frozen network's descriptors of training patches, standardised with
 * their statistics on normal patches. A trained patch network (doctor or master) is one; the
 * pretrained backbone doctor ({@code core.pretrained}) is another, with its own descriptor dimension.
 * Both train students on random patches ({@link #patchDescriptors}) or densely ({@link #dense}).
 */
public interface Teacher {
    NetworkId id();

    /** Length of the descriptors, hence of the student's last layer. */
    int descriptorDim();

    DescriptorStatistics statistics();

    /**
     * The lowest standardised regression loss a student of the configured network can reach against
     * this teacher ({@link io.stereotype.core.model.DescriptorMoments#regressionFloor}): 0 for a patch network
     * of the students' own family, which a student can reproduce.
     */
    default double regressionFloor() {
        return 0;
    }

    /** [N, P, P, C] patches, pixels in [0, 1], to [N, descriptorDim] descriptors (one per patch). */
    Operand<TFloat32> patchDescriptors(Ops tf, Operand<TFloat32> patches);

    /** The same teacher for dense training: standardised targets of every position of {@code grid}. */
    DenseTeacher dense(DenseGrid grid);

    /** A trained patch network as a teacher. */
    static Teacher of(TrainedNetwork network) {
        return new OfNetwork(network);
    }

    /** A trained patch network (doctor or master) as a teacher. */
    record OfNetwork(TrainedNetwork network) implements Teacher {
        @Override
        public NetworkId id() {
            return network.id();
        }

        @Override
        public int descriptorDim() {
            return network.spec().descriptorDim();
        }

        @Override
        public DescriptorStatistics statistics() {
            return network.statistics();
        }

        @Override
        public Operand<TFloat32> patchDescriptors(Ops tf, Operand<TFloat32> patches) {
            return PatchNetwork.frozen(tf, network.spec(), network.normalization(), network.parameters())
                    .patchDescriptors(tf, patches);
        }

        @Override
        public DenseTeacher dense(DenseGrid grid) {
            return new DenseNetworkTeacher(network, grid);
        }
    }
}
