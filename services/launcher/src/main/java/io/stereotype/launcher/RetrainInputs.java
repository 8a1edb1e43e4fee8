package io.stereotype.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inputs of flows/retrain.yaml for a local run: the flow file as it is, switched to the Process runner and the
 * local trainer by its {@code runner} and {@code trainerCommand} inputs, with the retrain's folder under the run's output.
 */
final class RetrainInputs {
    private RetrainInputs() {
    }

    /**
     * @param demoData  the data set is the generated one: its small training configuration applies to unset values
     * @param register  a model registry (MLflow) is configured
     * @param folder    the folder of this execution (the flow's {@code work} input)
     */
    static Map<String, Object> of(LaunchOptions options, Path dataset, boolean demoData, boolean register,
                                  List<String> trainerCommand, Path folder) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("dataset", dataset.toString());
        inputs.put("work", folder.toString());
        inputs.put("runner", "PROCESS");
        inputs.put("trainerCommand", trainerCommand);
        // the trainer registers in MLflow only; without it the run ends after the evaluation
        inputs.put("register", register);
        options.epochs().or(() -> demo(demoData, DemoConfig.EPOCHS)).ifPresent(epochs -> inputs.put("epochs", epochs));
        options.masters().or(() -> demo(demoData, DemoConfig.MASTERS)).ifPresent(masters -> inputs.put("masters", masters));
        options.bachelors().or(() -> demo(demoData, DemoConfig.BACHELORS)).ifPresent(bachelors -> inputs.put("bachelorsPerMaster", bachelors));
        options.doctorData().ifPresent(labelled -> inputs.put("doctorData", labelled.toString()));
        options.modelsRoot().ifPresent(root -> inputs.put("modelsRoot", root));
        if (demoData) {
            inputs.put("patchSize", DemoConfig.PATCH_SIZE);
            inputs.put("imageSize", DemoConfig.DATASET.size());
        }
        return inputs;
    }

    private static Optional<Integer> demo(boolean demoData, int value) {
        return demoData ? Optional.of(value) : Optional.empty();
    }
}
