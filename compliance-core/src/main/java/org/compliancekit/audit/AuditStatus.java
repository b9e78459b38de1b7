package org.compliancekit.audit;

/** Outcome of an audited action. */
public enum AuditStatus {
    /** A single action succeeded (e.g. a permission change). */
    SUCCESS,
    /** A multi-part operation finished every part. */
    COMPLETED,
    /** Some parts failed, the rest finished. */
    PARTIAL,
    /** Nothing was done, or the operation was aborted. */
    FAILED;

    /** Lower-case name used in storage and documents. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
