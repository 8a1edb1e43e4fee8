package io.stereotype.trainer;

import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.train.TrainingConfig;

/**
 * {@code W/prep.json}: what the first step decided for every later one of the same retrain, so that
 * steps in other containers train on the same data with the same configuration and join the same
 * parent run.
 *
 * @param doctorData     the labelled data set the doctor classifies ({@code prep --doctor-data}), or null:
 *                       the doctor then learns the rotation pretext on the normal images
 * @param doctorDataHash content hash of {@code doctorData}, or null
 * @param normalization  input normalisation measured on the training images, so later steps need not
 *                       read the whole data set again (null in files of older trainers: measured again)
 * @param doctorNormalization the same for {@code doctorData}, or null
 * @param doctor         the doctor's kind (null in files of format 1 and 2: see {@link #doctorKind()})
 * @param doctorWeightsSha256 SHA-256 of the pretrained doctor's weights file prep found, or null
 */
public record Prep(int formatVersion, String data, String datasetHash, int trainImages, int testImages,
                   TrainingConfig config, String experiment, String parentRunId, String createdAt,
                   String doctorData, String doctorDataHash, InputNormalization normalization,
                   InputNormalization doctorNormalization, DoctorKind doctor, String doctorWeightsSha256) {
    /**
     * 2 added the doctor data, 3 the doctor's kind (a pretrained doctor must not become a pretext one
     * in an older trainer). Unknown fields are ignored when reading, so a trainer that reads only
     * version 1 must refuse this file rather than train the doctor on the wrong data without a word.
     */
    public static final int FORMAT_VERSION = 3;
    /** Version 1 files (no doctor data) read as a prep without doctor data. */
    public static final int OLDEST_READABLE_VERSION = 1;
    public static final String FILE = "prep.json";

    /** The doctor's kind; files before format 3 had only the labelled and the pretext doctor. */
    public DoctorKind doctorKind() {
        if (doctor != null) {
            return doctor;
        }
        return doctorData != null ? DoctorKind.LABELLED : DoctorKind.PRETEXT;
    }
}
