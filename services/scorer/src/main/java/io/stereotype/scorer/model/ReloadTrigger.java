package io.stereotype.scorer.model;

/** Why a reload runs: the periodic poll, or an operator's explicit request (which retries failed versions). */
public enum ReloadTrigger {
    POLL, REQUEST
}
