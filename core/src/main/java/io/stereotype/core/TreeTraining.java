package io.stereotype.core;

import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.model.ModelDescription;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.ScoreCalibration;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.score.Calibrator;
import io.stereotype.core.score.TreeScorer;
import io.stereotype.core.train.DoctorTrainer;
import io.stereotype.core.train.Students;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
import io.stereotype.core.train.TrainingResult;
import io.stereotype.core.train.TrainingSet;
import java.nio.file.Path;
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
        TrainingResult doctor = DoctorTrainer.train(config, set, initial, listener);
        NetworkFolder.write(doctor.network(), config.mapStride(), folder);
        return doctor;
    }

    /** Stages 2 and 3: a master from the doctor's folder, or a bachelor from its master's. */
    public static TrainingResult trainStudent(TrainingConfig config, TrainingSet set, NetworkId id, Path teacherFolder,
                                              Path folder, TrainingListener listener) {
        config.tree().requireContains(id);
        TrainingResult student = Students.train(config, set, NetworkFolder.read(teacherFolder), id, listener);
        NetworkFolder.write(student.network(), config.mapStride(), folder);
        return student;
    }

    /** Calibrates the trained tree on the held-out normal images and writes the model bundle. */
    public static ModelBundle assemble(ModelDescription model, TrainingSet set, Map<NetworkId, Path> networks, Path bundle) {
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
        return trainStudents(config, kind, set, doctor, work, bundle, listener);
    }

    /**
     * Stages 2, 3 and the assembly under an already trained doctor, e.g. one trained on labelled
     * data other than {@code set}: masters and bachelors go to {@code work}, the bundle to {@code bundle}.
     */
    public static ModelBundle trainStudents(TrainingConfig config, DoctorKind doctorKind, TrainingSet set,
                                            Path doctorFolder, Path work, Path bundle, TrainingListener listener) {
        ModelDescription model = config.model(doctorKind);
        Map<NetworkId, Path> networks = new LinkedHashMap<>();
        networks.put(NetworkId.DOCTOR, doctorFolder);
        for (NetworkId id : model.tree().networks()) {
            if (id.role() != NetworkId.Role.DOCTOR) {
                networks.put(id, work.resolve(id.name()));
                trainStudent(config, set, id, networks.get(model.tree().teacherOf(id)), networks.get(id), listener);
            }
        }
        return assemble(model, set, networks, bundle);
    }
}
