package org.compliancekit.pii;

/** State of the data processing agreement (GDPR art. 28) with a processor. */
public enum DpaStatus {
    SIGNED,
    PENDING,
    NOT_REQUIRED,
    MISSING
}
