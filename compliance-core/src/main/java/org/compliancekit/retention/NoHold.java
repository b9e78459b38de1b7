package org.compliancekit.retention;

import java.util.List;
import java.util.Set;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.RowKey;

enum NoHold implements LegalHold {
    INSTANCE;

    @Override
    public Set<RowKey> held(String table, List<MatchedRow> rows) {
        return Set.of();
    }

    @Override
    public boolean isHeld(SubjectRef subject) {
        return false;
    }
}
