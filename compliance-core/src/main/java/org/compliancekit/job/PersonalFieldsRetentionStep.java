package org.compliancekit.job;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.PersonalFieldErasure;

/**
 * The daily job's retention for personal audit fields ({@code audit.personalFieldsRetention}): erases the chosen
 * personal fields of records older than their own, shorter period, on the audit retention's cadence. Every run is on
 * record as a {@code personal_field_erasure} event with reason {@code retention}, including runs that found nothing
 * and runs that failed, so due-ness is read back from the trail like the other steps'.
 */
final class PersonalFieldsRetentionStep {
    static final String REASON = "retention";

    private final AuditLog audit;
    private final Duration keepFor;
    private final Set<String> names;
    private final Duration cadence;

    PersonalFieldsRetentionStep(AuditLog audit, Duration keepFor, Set<String> names, Duration cadence) {
        this.audit = audit;
        this.keepFor = keepFor;
        this.names = Set.copyOf(names);
        this.cadence = cadence;
    }

    /** A step that never runs: personal fields are kept as long as their records. */
    static Step<PersonalFieldErasure> disabled() {
        return Step.not(StepState.DISABLED, "personal audit fields are kept as long as their records "
                + "(audit.personalFieldsRetention)");
    }

    /** Runs the erasure when due by {@code due(last run, cadence)}; failures come back as a failed step. */
    Step<PersonalFieldErasure> run(Instant now, BiPredicate<Instant, Duration> due) {
        Optional<Instant> last = lastRun();
        if (last.isPresent() && !due.test(last.get(), cadence)) {
            return Step.not(StepState.NOT_DUE, "personal audit fields last erased by retention at " + last.get()
                    + ", cadence " + cadence);
        }
        Instant before = now.minus(keepFor);
        Step<Step<PersonalFieldErasure>> outcome = DailyJob.guarded(() -> erase(before));
        if (outcome.state() == StepState.FAILED) {
            // The erasure records itself only when it erased something; a failure would otherwise leave no trace.
            DailyJob.guarded(() -> audit.append(event(AuditStatus.FAILED, "personal audit field retention failed",
                    before, Map.of("failure", outcome.reason()))));
            return Step.not(StepState.FAILED, outcome.reason());
        }
        return outcome.result();
    }

    private Step<PersonalFieldErasure> erase(Instant before) {
        PersonalFieldErasure erased;
        try {
            erased = audit.erasePersonalFieldsBefore(before, names);
        } catch (UnsupportedOperationException keepsNone) {
            // Such a log never stored an erasable value: there is nothing this retention could leave behind.
            return new Step<>(StepState.RAN, "nothing to erase: the audit log keeps no erasable personal fields",
                    PersonalFieldErasure.nothing());
        }
        if (erased.records() == 0) {
            // Nothing was old enough; the run still goes on record so the cadence holds from it.
            audit.append(event(AuditStatus.COMPLETED, "no personal audit fields to erase by retention", before,
                    Map.of("erased_records", 0L, "erased_fields", 0L)));
        }
        return Step.ran(erased);
    }

    private AuditEvent event(AuditStatus status, String summary, Instant before, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", REASON);
        details.put("before", before.toString());
        details.put("fields", names.isEmpty() ? "all" : List.copyOf(new TreeSet<>(names)));
        details.putAll(extra);
        return new AuditEvent(AuditEvent.TYPE_PERSONAL_FIELD_ERASURE, status, AuditEvent.SYSTEM, summary, details,
                Duration.ZERO, false);
    }

    /** When personal fields were last erased by retention (successfully, erasing something or not). */
    Optional<Instant> lastRun() {
        AuditQuery q = AuditQuery.all().withTypes(AuditEvent.TYPE_PERSONAL_FIELD_ERASURE)
                .withStatuses(AuditStatus.COMPLETED).withLimit(100);
        for (List<AuditRecord> page = audit.query(q); !page.isEmpty(); page = audit.query(q)) {
            for (AuditRecord r : page) {
                if (REASON.equals(r.event().details().get("reason"))) {
                    return Optional.of(r.occurredAt());
                }
            }
            q = q.before(page.get(page.size() - 1).sequence());
        }
        return Optional.empty();
    }
}
