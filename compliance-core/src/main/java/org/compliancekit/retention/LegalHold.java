package org.compliancekit.retention;

import java.util.List;
import java.util.Set;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.RowKey;

/**
 * Exempts subjects or rows from retention and erasure, e.g. during litigation. Held rows are skipped and counted
 * as held in plans and results.
 */
public interface LegalHold {

    /**
     * Which of {@code rows} (all from {@code table}) are held.
     *
     * @return the held rows' keys; empty when none is held
     */
    Set<RowKey> held(String table, List<MatchedRow> rows);

    /** Whether the whole subject is held: erasure refuses to run. */
    boolean isHeld(SubjectRef subject);

    /** No holds at all. */
    static LegalHold none() {
        return NoHold.INSTANCE;
    }
}
