package io.stereotype.core.train;

/** Passes every event on to another listener; subclasses look at the events they need on the way. */
abstract class ForwardingListener implements TrainingListener {
    private final TrainingListener next;

    ForwardingListener(TrainingListener next) {
        this.next = next;
    }

    @Override
    public void onStep(String network, int epoch, int step, int stepsPerEpoch, float loss) {
        next.onStep(network, epoch, step, stepsPerEpoch, loss);
    }

    @Override
    public void onImageRead(int done, int total) {
        next.onImageRead(done, total);
    }

    @Override
    public void onEpoch(String network, int epoch, int epochs, EpochLosses losses) {
        next.onEpoch(network, epoch, epochs, losses);
    }

    @Override
    public void onHealth(TrainingHealth health) {
        next.onHealth(health);
    }
}
