package io.stereotype.kestra;

import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.annotations.Example;
import io.kestra.core.models.annotations.Plugin;
import io.kestra.core.models.property.Property;
import io.kestra.core.models.tasks.RunnableTask;
import io.kestra.core.runners.RunContext;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import lombok.Builder;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.ToString;
import lombok.experimental.SuperBuilder;

import java.net.URI;
import java.util.List;

@SuperBuilder
@ToString
@EqualsAndHashCode
@Getter
@NoArgsConstructor
@Schema(
    title = "Prepare a data set for a retrain (trainer `prep`).",
    description = "Writes `<work>/prep.json`: the data set manifest, its content hash, normalisation statistics and the "
        + "hyper-parameters every later step reads, and opens the MLflow parent run of the retrain. "
        + "Hyper-parameters left unset take the trainer's defaults. With `doctorData`, a labelled data set (one folder "
        + "of images per class) is validated too and the doctor learns to classify it; `doctor` picks the pretrained (default), pretext or labelled doctor."
)
@Plugin(examples = {@Example(full = true, title = "Prepare a data set for 3 masters with 2 bachelors each", code = """
    id: prepare
    namespace: io.stereotype
    tasks:
      - id: prep
        type: io.stereotype.kestra.PrepareDataset
        data: s3://datasets/bottles
        work: "s3://stereotype/work/{{ execution.id }}"
        masters: 3
        bachelorsPerMaster: 2
        epochs: 50
        patchSize: 64
        imageSize: 256
        network: PAPER
        seed: 42
        experiment: bottles
    """),
    @Example(full = true, title = "Train the doctor as a classifier of a labelled data set", code = """
    id: prepare_labelled_doctor
    namespace: io.stereotype
    tasks:
      - id: prep
        type: io.stereotype.kestra.PrepareDataset
        data: s3://datasets/bottles
        doctorData: s3://datasets/inspection-classes
        work: "s3://stereotype/work/{{ execution.id }}"
    """)})
// RunnableTask is repeated with its concrete output: Kestra's documentation finds the output class there
public class PrepareDataset extends TrainerTask<PrepareDataset.Output> implements RunnableTask<PrepareDataset.Output> {
    @Schema(title = "The data set URI (`file:///...`, a path, or `s3://bucket/key`).")
    @NotNull
    private Property<String> data;

    @Schema(
        title = "A labelled data set URI the doctor learns to classify (trainer `--doctor-data`).",
        description = "One subfolder of `.png`/`.jpg` images per class (at least 2 classes; a class's label is the "
            + "position of its folder name in sorted order), with the channel count of `data`. Validated by prep: every "
            + "problem is listed and the task fails with exit code 3. The doctor trains on it with cross-entropy on "
            + "the labels (Eq. 3); masters and bachelors still train on `data`. Unset or empty: the doctor learns the "
            + "rotation pretext on `data`."
    )
    private Property<String> doctorData;

    @Schema(
        title = "The doctor (trainer `--doctor`): `pretrained`, `pretext` or `labelled`.",
        description = "`pretrained`: the ImageNet EfficientNet-Lite0 backbone is the doctor (nothing to train; the trainer "
            + "needs its weights, `scripts/fetch-data.sh --weights`, else prep fails with exit code 2). `pretext`: the "
            + "rotation pretext on `data`. `labelled`: a classifier of `doctorData`. Unset or empty: `labelled` with "
            + "`doctorData`, else `pretrained`."
    )
    private Property<String> doctor;

    @Schema(title = "The work URI of this retrain: every later step reads and writes under it.")
    @NotNull
    private Property<String> work;

    @Schema(title = "How many masters (M) regress the doctor.")
    private Property<Integer> masters;

    @Schema(title = "How many bachelors (B) regress each master.")
    private Property<Integer> bachelorsPerMaster;

    @Schema(title = "Training epochs of every network.")
    private Property<Integer> epochs;

    @Schema(title = "Patch size in pixels.")
    private Property<Integer> patchSize;

    @Schema(title = "Side in pixels that images are resized to before training and scoring; 0 keeps their size.")
    private Property<Integer> imageSize;

    @Schema(title = "The patch network variant.")
    private Property<Network> network;

    @Schema(title = "Seed of the data split; each network derives its own seed from it.")
    private Property<Long> seed;

    @Schema(title = "How students see the images: DENSE (whole crops through the dense graphs; the trainer's default) or PATCHES (random patches).")
    private Property<Sampling> sampling;

    @Schema(title = "The MLflow experiment that holds the retrain's runs.")
    private Property<String> experiment;

    @Override
    protected List<String> trainerArguments(RunContext runContext) throws IllegalVariableEvaluationException {
        return TrainerArguments.command(runContext, getId(), "prep")
            .required("--data", data, String.class)
            .optional("--doctor-data", doctorData, String.class)
            .optional("--doctor", doctor, String.class)
            .required("--work", work, String.class)
            .optional("--masters", masters, Integer.class)
            .optional("--bachelors", bachelorsPerMaster, Integer.class)
            .optional("--epochs", epochs, Integer.class)
            .optional("--patch-size", patchSize, Integer.class)
            .optional("--image-size", imageSize, Integer.class)
            .optional("--network", network, Network.class)
            .optional("--seed", seed, Long.class)
            .optional("--sampling", sampling, Sampling.class)
            .optional("--experiment", experiment, String.class)
            .toList();
    }

    @Override
    protected Output output(TrainerOutputs outputs) {
        return Output.builder()
            .work(outputs.uri("work"))
            .datasetHash(outputs.string("datasetHash"))
            .trainImages(outputs.integer("trainImages"))
            .testImages(outputs.integer("testImages"))
            .parentRunId(outputs.string("parentRunId"))
            .build();
    }

    @Builder
    @Getter
    public static class Output implements io.kestra.core.models.tasks.Output {
        @Schema(title = "The work URI, as the trainer resolved it.")
        private final URI work;
        @Schema(title = "Content hash of the data set, recorded with the model.")
        private final String datasetHash;
        @Schema(title = "Number of training images.")
        private final Integer trainImages;
        @Schema(title = "Number of test images.")
        private final Integer testImages;
        @Schema(title = "The MLflow parent run of this retrain; pass it to every later step.")
        private final String parentRunId;
    }
}
