package io.stereotype.core.train;

import io.stereotype.core.model.TrainedNetwork;
import io.stereotype.core.net.PatchNetwork;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A trained patch network (the doctor or a master) as a {@link DenseTeacher}: its dense graph at
 * the grid's stride with its weights frozen as constants, cut to the grid and standardised with
 * the statistics of its own descriptors, the same targets patch training regresses.
 */
public final class DenseNetworkTeacher implements DenseTeacher {
    private final TrainedNetwork network;
    private final DenseGrid grid;

    public DenseNetworkTeacher(TrainedNetwork network, DenseGrid grid) {
        if (network.spec().patchSize() != grid.patchSize()) {
            throw new IllegalArgumentException("teacher " + network.id() + " has patch size " + network.spec().patchSize()
                    + ", the grid " + grid.patchSize());
        }
        this.network = network;
        this.grid = grid;
    }

    @Override
    public int descriptorDim() {
        return network.spec().descriptorDim();
    }

    @Override
    public Operand<TFloat32> denseDescriptors(Ops tf, Operand<TFloat32> images) {
        long[] shape = images.shape().asArray();
        Operand<TFloat32> map = PatchNetwork.frozen(tf, network.spec(), network.normalization(), network.parameters())
                .denseDescriptors(tf, images, grid.stride());
        Operand<TFloat32> fitted = grid.fit(tf, map, (int) shape[1], (int) shape[2]);
        return Standardisation.standardise(tf, fitted, network.statistics());
    }
}
