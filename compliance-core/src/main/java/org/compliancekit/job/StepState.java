package org.compliancekit.job;

/** What became of one step of the daily job. */
public enum StepState {
    /** The step ran; its result says how it went. */
    RAN,
    /** The step's cadence has not passed since its last successful run. */
    NOT_DUE,
    /** The step is switched off (backups disabled, no retention rules). */
    DISABLED,
    /** The step was due but held back on purpose, e.g. PII deletion after a failed backup. */
    SKIPPED,
    /** The step threw before producing a result; the reason says why. */
    FAILED
}
