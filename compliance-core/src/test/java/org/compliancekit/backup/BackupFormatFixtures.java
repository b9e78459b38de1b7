package org.compliancekit.backup;

import org.compliancekit.audit.AuditLog;
import org.compliancekit.store.InMemoryDataStore;

/** Opens the package's test fixtures to the format conformance test, which lives in its own package. */
public final class BackupFormatFixtures {
    public static final String KEY_A = Fixtures.KEY_A;

    private BackupFormatFixtures() {
    }

    public static InMemoryDataStore filledStore() {
        return Fixtures.filledStore();
    }

    public static AuditLog audit() {
        return new RecordingAuditLog();
    }
}
