package io.stereotype.mlops;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/** Classifies failures of remote calls; shared by the S3, tracking and registry clients. */
public final class Failures {
    private Failures() {
    }

    /**
     * True when the failure (or one of its causes) is a network-level problem that a later attempt
     * may not have: refused or reset connections, timeouts, unresolvable hosts (DNS may lag in a
     * cluster). Local file errors are IOExceptions too but are not listed, so they are never retried.
     */
    public static boolean isNetworkFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof SocketException
                    || t instanceof HttpTimeoutException || t instanceof InterruptedIOException
                    || t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The message of the innermost cause that has one: it names the actual problem ("Connection
     * refused") where outer exceptions only say which call failed.
     */
    public static String rootMessage(Throwable failure) {
        String message = null;
        Throwable root = failure;
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            root = t;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message != null ? message : describe(root);
    }

    /** A failure's message, or a description for exceptions without one (java.net.http's refused connections). */
    public static String describe(Throwable failure) {
        if (failure.getMessage() != null && !failure.getMessage().isBlank()) {
            return failure.getMessage();
        }
        return failure instanceof ConnectException ? "could not connect (connection refused or host unreachable)"
                : failure.getClass().getSimpleName();
    }
}
