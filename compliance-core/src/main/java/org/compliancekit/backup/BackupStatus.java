package org.compliancekit.backup;

import java.util.Locale;
import org.compliancekit.IntegrityException;

/** How a backup ended. */
public enum BackupStatus {
    /** Every table was backed up. */
    COMPLETED,
    /** Some tables failed; the manifest names them and their errors. */
    PARTIAL,
    /** No table was backed up. */
    FAILED;

    /** The lower-case name used in manifests. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BackupStatus fromWireName(String s) {
        for (BackupStatus b : values()) {
            if (b.wireName().equals(s)) {
                return b;
            }
        }
        throw new IntegrityException("manifest status '" + s + "' is not one of completed, partial, failed");
    }

    org.compliancekit.audit.AuditStatus auditStatus() {
        return switch (this) {
            case COMPLETED -> org.compliancekit.audit.AuditStatus.COMPLETED;
            case PARTIAL -> org.compliancekit.audit.AuditStatus.PARTIAL;
            case FAILED -> org.compliancekit.audit.AuditStatus.FAILED;
        };
    }
}
