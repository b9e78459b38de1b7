package org.compliancekit.audit;

import java.time.Instant;
import java.util.Set;

/**
 * A filter over the audit log, newest first, keyset-paginated by sequence number.
 *
 * @param types event types to include; empty for all
 * @param statuses statuses to include; empty for all
 * @param actor only this actor; {@code null} for any
 * @param from occurred at or after; {@code null} for no lower bound
 * @param to occurred before; {@code null} for no upper bound
 * @param beforeSequence only records with a smaller sequence (the previous page's last); {@code null} from the newest
 * @param limit page size, 1 to 10,000
 */
public record AuditQuery(
        Set<String> types, Set<AuditStatus> statuses, String actor, Instant from, Instant to, Long beforeSequence,
        int limit) {

    public AuditQuery {
        types = Set.copyOf(types);
        statuses = Set.copyOf(statuses);
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("audit query limit must be 1 to 10000, was " + limit);
        }
    }

    /** Everything, newest first, 100 a page. */
    public static AuditQuery all() {
        return new AuditQuery(Set.of(), Set.of(), null, null, null, null, 100);
    }

    public AuditQuery withTypes(String... types) {
        return new AuditQuery(Set.of(types), statuses, actor, from, to, beforeSequence, limit);
    }

    public AuditQuery withStatuses(AuditStatus... statuses) {
        return new AuditQuery(types, Set.of(statuses), actor, from, to, beforeSequence, limit);
    }

    public AuditQuery withActor(String actor) {
        return new AuditQuery(types, statuses, actor, from, to, beforeSequence, limit);
    }

    public AuditQuery between(Instant from, Instant to) {
        return new AuditQuery(types, statuses, actor, from, to, beforeSequence, limit);
    }

    public AuditQuery before(Long sequence) {
        return new AuditQuery(types, statuses, actor, from, to, sequence, limit);
    }

    public AuditQuery withLimit(int limit) {
        return new AuditQuery(types, statuses, actor, from, to, beforeSequence, limit);
    }
}
