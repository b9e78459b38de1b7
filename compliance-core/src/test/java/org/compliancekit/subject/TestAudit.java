package org.compliancekit.subject;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.InMemoryAuditLog;

/** The audit log the subject-rights tests write to, and its events read back oldest first. */
final class TestAudit {
    private TestAudit() {
    }

    static InMemoryAuditLog log() {
        return InMemoryAuditLog.builder(Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC)).build();
    }

    /** The requests' outcome records, oldest first; the run journal's started records are left out. */
    static List<AuditEvent> events(InMemoryAuditLog log) {
        List<AuditEvent> out = new ArrayList<>();
        for (AuditRecord r : log.query(AuditQuery.all().withLimit(10_000))) {
            if (!r.event().type().startsWith("run_")) {
                out.add(r.event());
            }
        }
        Collections.reverse(out);
        return out;
    }
}
