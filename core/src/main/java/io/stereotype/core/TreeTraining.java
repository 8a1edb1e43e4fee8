package io.stereotype.core;

import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.score.Calibrator;
import io.stereotype.core.score.ScoreCalibration;
import io.stereotype.core.score.TreeScorer;
import io.stereotype.core.train.DoctorTrainer;
import io.stereotype.core.train.NetworkId;
import io.stereotype.core.train.Students;
import io.stereotype.core.train.TrainedNetwork;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
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
    public static TrainedNetwork trainDoctor(TrainingConfig config, TrainingSet set, NetworkParameters initial,
                                             Path folder, TrainingListener listener) {
        TrainedNetwork doctor = DoctorTrainer.train(config, set, initial, listener);
        NetworkFolder.write(doctor, config.mapStride(), folder);
        return doctor;
    }

    /** Stages 2 and 3: a master from the doctor's folder, or a bachelor from its master's. */
    public static TrainedNetwork trainStudent(TrainingConfig config, TrainingSet set, NetworkId id, Path teacherFolder,
                                              Path folder, TrainingListener listener) {
        TrainedNetwork student = Students.train(config, set, NetworkFolder.read(teacherFolder), id, listener);
        NetworkFolder.write(student, config.mapStride(), folder);
        return student;
    }

    /** Calibrates the trained tree on the held-out normal images and writes the model bundle. */
    public static ModelBundle assemble(TrainingConfig config, TrainingSet set, Map<NetworkId, Path> networks, Path bundle) {
        ScoreCalibration calibration;
        try (TreeScorer scorer = new TreeScorer(config, set.channels(), networks)) {
            calibration = Calibrator.calibrate(scorer, set.validation(), config);
        }
        ModelBundle.write(bundle, config, set.channels(), networks, calibration);
        return ModelBundle.open(bundle);
    }

    /** Every stage in one process: network folders go to {@code work}, the bundle to {@code bundle}. */
    public static ModelBundle trainAll(TrainingConfig config, TrainingSet set, NetworkParameters doctorInitial,
                                       Path work, Path bundle, TrainingListener listener) {
        Path doctor = work.resolve(NetworkId.DOCTOR.name());
        trainDoctor(config, set, doctorInitial, doctor, listener);
        return trainStudents(config, set, doctor, work, bundle, listener);
    }

    /**
     * Stages 2, 3 and the assembly under an already trained doctor, e.g. one trained on labelled
     * data other than {@code set}: masters and bachelors go to {@code work}, the bundle to {@code bundle}.
     */
    public static ModelBundle trainStudents(TrainingConfig config, TrainingSet set, Path doctorFolder, Path work,
                                            Path bundle, TrainingListener listener) {
        Map<NetworkId, Path> networks = new LinkedHashMap<>();
        networks.put(NetworkId.DOCTOR, doctorFolder);
        for (int i = 1; i <= config.masters(); i++) {
            NetworkId master = NetworkId.master(i);
            networks.put(master, work.resolve(master.name()));
            trainStudent(config, set, master, doctorFolder, networks.get(master), listener);
        }
        for (int i = 1; i <= config.masters(); i++) {
            for (int j = 1; j <= config.bachelors(); j++) {
                NetworkId bachelor = NetworkId.bachelor(i, j);
                networks.put(bachelor, work.resolve(bachelor.name()));
                trainStudent(config, set, bachelor, networks.get(NetworkId.master(i)), networks.get(bachelor), listener);
            }
        }
        return assemble(config, set, networks, bundle);
    }
}
