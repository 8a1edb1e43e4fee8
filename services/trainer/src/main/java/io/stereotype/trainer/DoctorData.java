package io.stereotype.trainer;

import io.stereotype.core.TrainingData;
import io.stereotype.core.data.DatasetException;
import io.stereotype.core.data.LabelledImageFolder;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingSet;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.Map;

/**
 * The labelled data set of {@code prep --doctor-data} (one folder of images per class): the doctor
 * learns to classify it (Eq. 3 on real labels) instead of the rotation pretext on the normal images.
 * Masters, bachelors and the calibration still train on the normal images.
 *
 * @param uri    as given to prep
 * @param hash   content hash of the data set, as prep recorded it
 * @param folder the checked local copy
 * @param normalization the input normalisation measured on it (by prep), or null to measure it
 */
record DoctorData(URI uri, String hash, LabelledImageFolder folder, InputNormalization normalization) {
    static final String FLAG = "--doctor-data";

    /**
     * Prep's checks: every problem of the data set at once, then whether the doctor can train on it
     * and teach students that see images with {@code normalChannels} channels.
     */
    static DoctorData check(URI uri, Services services, TrainingConfig config, int normalChannels) {
        LabelledImageFolder folder = open(uri, services, LabelledImageFolder::open);
        InputNormalization normalization = trainingSet(uri, folder, config, null).normalization();
        int channels = normalization.channels();
        if (channels != normalChannels) {
            // the masters regress the doctor's descriptors of the normal images: one input for both
            throw new DatasetException(FLAG + " " + uri + ": its images have " + kind(channels)
                    + ", the normal training images " + kind(normalChannels) + "; the doctor and its students see the same"
                    + " kind of image, so both data sets need the same channel count");
        }
        return new DoctorData(uri, Datasets.contentHash(folder.root()), folder, normalization);
    }

    /** The data set a prep recorded, listed again (each step may run in a fresh container), or null if none. */
    static DoctorData of(Prep prep, Services services) {
        if (prep.doctorData() == null) {
            return null;
        }
        URI uri = URI.create(prep.doctorData());
        // prep decoded every image; the doctor's step only lists them
        return new DoctorData(uri, prep.doctorDataHash(), open(uri, services, LabelledImageFolder::list),
                prep.doctorNormalization());
    }

    /** The doctor's training set: the labelled images with their class indices. */
    TrainingSet trainingSet(TrainingConfig config) {
        return trainingSet(uri, folder, config, normalization);
    }

    /** Tags of the runs that used this data set, beside {@code dataset} and {@code dataset_hash}. */
    Map<String, String> tags() {
        return Map.of("doctor_data", uri.toString(), "doctor_data_hash", hash);
    }

    /** Size of the doctor's classification head. */
    Map<String, Object> params() {
        return Map.of("doctor_classes", folder.classNames().size());
    }

    private static LabelledImageFolder open(URI uri, Services services, Function<Path, LabelledImageFolder> reader) {
        try {
            return reader.apply(Datasets.local(uri, services));
        } catch (DatasetException e) {
            // the message names the local copy: name the flag and the URI as the user gave them
            throw new DatasetException(FLAG + " " + uri + ": " + e.getMessage(), e);
        }
    }

    private static TrainingSet trainingSet(URI uri, LabelledImageFolder folder, TrainingConfig config,
                                           InputNormalization measured) {
        return Datasets.trainingSet(TrainingData.of(folder), FLAG + " " + uri, config, measured);
    }

    private static String kind(int channels) {
        return channels == 1 ? "1 channel (grey)" : channels + " channels (RGB)";
    }
}
