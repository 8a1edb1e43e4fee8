package io.stereotype.core.model;

import java.util.Locale;

/**
 * The three anomaly-score terms of the paper, in the order their calibration statistics are stored:
 * inference bias (Eq. 7), delivery bias (Eq. 8) and peer bias (Eq. 9).
 */
public enum BiasTerm {
    INFERENCE, DELIVERY, PEER;

    /** The term's name in term maps, reports and bundles: inference, delivery, peer. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
