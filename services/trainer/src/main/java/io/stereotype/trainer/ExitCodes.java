package io.stereotype.trainer;

import io.stereotype.core.bundle.BundleException;
import io.stereotype.core.data.DatasetException;
import io.stereotype.core.train.TrainingException;
import io.stereotype.mlops.ServiceAccessDeniedException;
import io.stereotype.mlops.ServiceUnavailableException;
import io.stereotype.mlops.storage.ArtifactNotFoundException;
import io.stereotype.mlops.storage.UnsafePathException;

/**
 * The trainer's exit codes (docs/cli.md): Kestra, scripts and people branch on them, so every
 * failure maps to exactly one.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int BAD_DATA = 3;
    public static final int UNAVAILABLE = 4;

    private ExitCodes() {
    }

    public static int of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServiceAccessDeniedException) {
                return USAGE; // credentials are configuration, whatever a step wrapped them in; the message names the variables
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServiceUnavailableException) {
                return UNAVAILABLE;
            }
            if (t instanceof DatasetException || t instanceof ArtifactNotFoundException || t instanceof UnsafePathException
                    || t instanceof BundleException
                    || t instanceof BadDataException || t instanceof TrainingException) {
                return BAD_DATA;
            }
            if (t instanceof UsageException) {
                return USAGE;
            }
        }
        return failure instanceof IllegalArgumentException ? USAGE : FAILURE;
    }

    /** Input that is well-formed but cannot be used: images, models, a data set. */
    public static final class BadDataException extends RuntimeException {
        public BadDataException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A flag or configuration value that cannot work. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }

        public UsageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
