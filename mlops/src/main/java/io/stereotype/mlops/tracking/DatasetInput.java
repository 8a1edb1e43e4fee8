package io.stereotype.mlops.tracking;

import java.net.URI;

/**
 * A data set a run used, as MLflow records it ({@code runs/log-inputs}): the UI's Dataset column shows
 * {@code name (digest)} and MLflow users find runs by it.
 *
 * @param digest  identifies the content (the data set's content hash, at most {@link #MAX_DIGEST_LENGTH} characters)
 * @param source  where the data set is, e.g. {@code s3://datasets/bottles}
 * @param context what the run did with it: {@link #TRAINING} or {@link #EVALUATION}
 */
public record DatasetInput(String name, String digest, URI source, String context) {
    public static final String TRAINING = "training";
    public static final String EVALUATION = "evaluation";
    /** MLflow stores digests in a 36-character column (mlflow/store/tracking/dbmodels/models.py). */
    public static final int MAX_DIGEST_LENGTH = 36;

    public DatasetInput {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("data set name is empty");
        }
        if (digest == null || digest.isBlank()) {
            throw new IllegalArgumentException("data set digest is empty");
        }
        digest = digest.length() > MAX_DIGEST_LENGTH ? digest.substring(0, MAX_DIGEST_LENGTH) : digest;
    }

    /** A data set named after the last segment of its URI ({@code s3://datasets/bottles/} is {@code bottles}). */
    public static DatasetInput of(URI source, String contentHash, String context) {
        String path = source.getPath() == null ? source.toString() : source.getPath();
        String trimmed = path.replaceAll("/+$", "");
        String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return new DatasetInput(name.isEmpty() ? source.toString() : name, contentHash, source, context);
    }

    /** MLflow's source type: the URI's scheme, as its artifact data set sources name it ({@code s3}, {@code local}). */
    public String sourceType() {
        String scheme = source.getScheme();
        return scheme == null || "file".equals(scheme) ? "local" : scheme;
    }
}
