package io.stereotype.trainer.command;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version and the TensorFlow runtime it trains on. */
public class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = TrainerCommand.class.getPackage().getImplementationVersion();
        return new String[] {"stereotype-trainer " + (version == null ? "dev" : version),
                "TensorFlow " + org.tensorflow.TensorFlow.version()};
    }
}
