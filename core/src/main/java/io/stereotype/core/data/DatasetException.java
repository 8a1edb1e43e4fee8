package io.stereotype.core.data;

/** A data set on disk is missing, malformed or incomplete; the message names the file or folder and the problem. */
public final class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
