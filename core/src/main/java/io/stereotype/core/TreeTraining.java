package io.stereotype.core;

import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.model.ModelDescription;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.ScoreCalibration;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.pretrained.PretrainedDoctor;
import io.stereotype.core.score.Calibrator;
import io.stereotype.core.score.TreeScorer;
import io.stereotype.core.train.DoctorTrainer;
import io.stereotype.core.train.Students;
import io.stereotype.core.train.Teacher;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingHealth;
import io.stereotype.core.train.TrainingListener;
import io.stereotype.core.train.TrainingResult;
import io.stereotype.core.train.TrainingSet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three training stages of the paper and the final assembly, each usable on its own (pipeline
 * steps in separate containers hand network folders to each other) or all at once.
 */
public final class TreeTraining {
    private TreeTraining() {
    }

    /** Stage 1: the doctor, written as a network folder. */
    public static TrainingResult trainDoctor(TrainingConfig config, TrainingSet set, NetworkParameters initial,
                                             Path folder, TrainingListener listener) {
        TrainingHealth.Recorder health = new TrainingHealth.Recorder(listener);
        TrainingResult doctor = DoctorTrainer.train(config, set, initial, health);
        // a pretext doctor's last loss goes with it, so every later step can say it learnt nothing
        Double pretextLoss = set.classes() == null ? doctor.lastEpoch().regression() : null;
        NetworkFolder.write(doctor.network(), config.mapStride(), pretextLoss, health.summary(doctor.lastEpoch()), folder);
        return doctor;
    }

    /** Stage 1 with the pretrained doctor: nothing to train, its folder is exported from the weights file. */
    public static PretrainedDoctor exportPretrainedDoctor(TrainingConfig config, TrainingSet set, Path weights, Path folder) {
        return PretrainedDoctor.export(config, set, weights, folder);
    }

    /**
     * The teacher of a network folder: a trained patch network, or the pretrained doctor computed from
     * {@code doctorWeights} (needed only then; null otherwise).
     */
    public static Teacher teacher(Path folder, Path doctorWeights) {
        if (!PretrainedDoctor.isPretrained(folder)) {
            return Teacher.of(NetworkFolder.read(folder));
        }
        if (doctorWeights == null) {
            throw new IllegalArgumentException(folder + " holds the pretrained doctor: its students need its weights file");
        }
        return PretrainedDoctor.open(folder, doctorWeights);
    }

    /** Stages 2 and 3: a master from the doctor's folder, or a bachelor from its master's. */
    public static TrainingResult trainStudent(TrainingConfig config, TrainingSet set, NetworkId id, Path teacherFolder,
                                              Path doctorWeights, Path folder, TrainingListener listener) {
        return trainStudent(config, set, id, teacher(teacherFolder, doctorWeights), folder, listener);
    }

    private static TrainingResult trainStudent(TrainingConfig config, TrainingSet set, NetworkId id, Teacher teacher,
                                               Path folder, TrainingListener listener) {
        config.tree().requireContains(id);
        // its final losses and health go with it, so that the report can show a student that did not learn
        TrainingHealth.Recorder health = new TrainingHealth.Recorder(listener);
        TrainingResult student = Students.train(config, set, teacher, id, health);
        NetworkFolder.write(student.network(), config.mapStride(), null, health.summary(student.lastEpoch()), folder);
        return student;
    }

    /** Calibrates the trained tree on the held-out normal images and writes the model bundle. */
    public static ModelBundle assemble(ModelDescription model, TrainingSet set, Map<NetworkId, Path> networks, Path bundle) {
        // the doctor's folder knows its weights; the description carries their hash into the bundle
        model = model.withDoctorWeights(NetworkFolder.describe(networks.get(NetworkId.DOCTOR)).weightsSha256());
        ScoreCalibration calibration;
        try (TreeScorer scorer = new TreeScorer(model, set.channels(), networks)) {
            calibration = Calibrator.calibrate(scorer, set.validation(), model.scoring());
        }
        ModelBundle.write(bundle, model, set.channels(), networks, calibration);
        return ModelBundle.open(bundle);
    }

    /** Every stage in one process: network folders go to {@code work}, the bundle to {@code bundle}. */
    public static ModelBundle trainAll(TrainingConfig config, TrainingSet set, NetworkParameters doctorInitial,
                                       Path work, Path bundle, TrainingListener listener) {
        Path doctor = work.resolve(NetworkId.DOCTOR.name());
        trainDoctor(config, set, doctorInitial, doctor, listener);
        DoctorKind kind = set.classes() != null ? DoctorKind.LABELLED : DoctorKind.PRETEXT;
        return trainStudents(config, kind, set, doctor, null, work, bundle, listener);
    }

    /** Every stage in one process under the pretrained doctor read from {@code weights}. */
    public static ModelBundle trainAllPretrained(TrainingConfig config, TrainingSet set, Path weights, Path work,
                                                 Path bundle, TrainingListener listener) {
        Path doctor = work.resolve(NetworkId.DOCTOR.name());
        // the exported doctor keeps its maps of the training images: the masters regress them without recomputing
        Map<Path, Teacher> teachers = new HashMap<>(Map.of(doctor, exportPretrainedDoctor(config, set, weights, doctor)));
        return trainStudents(config, DoctorKind.PRETRAINED, set, doctor, weights, work, bundle, listener, teachers);
    }

    /**
     * Stages 2, 3 and the assembly under an already trained doctor, e.g. one trained on labelled
     * data other than {@code set}, or the pretrained doctor (then {@code doctorWeights} is its weights
     * file, else null): masters and bachelors go to {@code work}, the bundle to {@code bundle}.
     */
    public static ModelBundle trainStudents(TrainingConfig config, DoctorKind doctorKind, TrainingSet set,
                                            Path doctorFolder, Path doctorWeights, Path work, Path bundle,
                                            TrainingListener listener) {
        return trainStudents(config, doctorKind, set, doctorFolder, doctorWeights, work, bundle, listener, new HashMap<>());
    }

    /** As above, with the teachers already opened from their folders (each folder is opened once and then reused). */
    private static ModelBundle trainStudents(TrainingConfig config, DoctorKind doctorKind, TrainingSet set,
                                             Path doctorFolder, Path doctorWeights, Path work, Path bundle,
                                             TrainingListener listener, Map<Path, Teacher> teachers) {
        ModelDescription model = config.model(doctorKind);
        Map<NetworkId, Path> networks = new LinkedHashMap<>();
        networks.put(NetworkId.DOCTOR, doctorFolder);
        for (NetworkId id : model.tree().networks()) {
            if (id.role() != NetworkId.Role.DOCTOR) {
                networks.put(id, work.resolve(id.name()));
                Teacher teacher = teachers.computeIfAbsent(networks.get(model.tree().teacherOf(id)),
                        folder -> teacher(folder, doctorWeights));
                trainStudent(config, set, id, teacher, networks.get(id), listener);
            }
        }
        return assemble(model, set, networks, bundle);
    }
}
