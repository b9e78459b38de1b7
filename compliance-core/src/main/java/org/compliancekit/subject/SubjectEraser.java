package org.compliancekit.subject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.compliancekit.ComplianceException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.StoreReader;
import org.compliancekit.store.StoreTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases one subject: finds the subject's rows in every linked table, then applies each table's action, children
 * before parents, all in one transaction. Every row is found before the first write, so a join path or email link
 * that an earlier step anonymizes still leads to its rows. A dry run finds the same rows in a read view and stops.
 */
final class SubjectEraser {
    private static final Logger LOG = LoggerFactory.getLogger(SubjectEraser.class);

    private final SubjectRights.Settings s;

    SubjectEraser(SubjectRights.Settings settings) {
        this.s = settings;
    }

    /** The rows one table's action applies to. */
    private record TablePlan(TableMapping mapping, List<RowKey> keys, long found, long held, String skipped) {
        ErasureReceipt.TableErasure receipt(long changed) {
            boolean delete = mapping.onErasure() == RowAction.DELETE;
            return new ErasureReceipt.TableErasure(mapping.table(), mapping.onErasure(), found, changed, held,
                    delete ? List.of() : mapping.erasedFields().stream()
                            .map(f -> new ErasureReceipt.FieldErasure(f.column(), f.strategy().name())).toList(),
                    delete ? List.of() : mapping.keptFields().stream()
                            .map(f -> new ErasureReceipt.KeptField(f.column(), SubjectScope.keptReason(f))).toList(),
                    skipped);
        }
    }

    /** The plan of one erasure: the resolution, each table's rows, and the outcome decided before any write. */
    private record Plan(SubjectResolution resolution, List<TablePlan> tables, ErasureReceipt.Status refusal) {
    }

    ErasureReceipt erase(SubjectRef subject, String actor, boolean dryRun) {
        long start = System.nanoTime();
        Instant now = s.clock().instant();
        String label = s.hashes().label(subject);
        List<HookOutcome> notRun = s.hooks().stream().map(h -> HookOutcome.notRun(h.processor())).toList();
        SubjectResolution.check(subject, s.map(), s.store().describe());
        if (s.hold().isHeld(subject)) {
            ErasureReceipt refused = new ErasureReceipt(label, now, dryRun,
                    ErasureReceipt.Status.REFUSED_LEGAL_HOLD, List.of(), notRun);
            LOG.info("erasure of subject {} refused: the subject is under a legal hold", label);
            audit(refused, actor, "erasure of subject " + label + " refused: the subject is under a legal hold", start);
            return refused;
        }
        Plan plan;
        List<ErasureReceipt.TableErasure> tables;
        try {
            List<TableMapping> order = childrenFirst();
            if (dryRun) {
                try (ReadView view = s.store().openReadView()) {
                    plan = plan(view, order, subject);
                }
                tables = plan.tables().stream().map(p -> p.receipt(p.keys().size())).toList();
            } else {
                Plan[] planned = new Plan[1];
                tables = s.store().inTransaction(tx -> {
                    planned[0] = plan(tx, order, subject);
                    return planned[0].refusal() != null ? List.<ErasureReceipt.TableErasure>of()
                            : apply(tx, planned[0].tables(), subject, now);
                });
                plan = planned[0];
            }
        } catch (ComplianceException e) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("subject", label);
            details.put("status", "failed");
            details.put("error", e.getMessage());
            s.audit().append(new AuditEvent(AuditEvent.TYPE_USER_DELETION, AuditStatus.FAILED, actor,
                    "erasure of subject " + label + " failed; nothing was changed", details,
                    Duration.ofNanos(System.nanoTime() - start), dryRun));
            throw e;
        }
        List<String> identities = s.hashes().identities(plan.resolution());
        int subjects = plan.resolution().ids().size();
        ErasureReceipt.Status status = plan.refusal() != null ? plan.refusal() : outcome(tables);
        ErasureReceipt receipt = new ErasureReceipt(label, now, dryRun, status, tables, notRun, identities, subjects);
        if (!dryRun && (status == ErasureReceipt.Status.COMPLETED || status == ErasureReceipt.Status.ALREADY_ERASED)) {
            receipt = receipt.withHooks(runHooks(subject, notRun));
        }
        audit(receipt, actor, summary(receipt, label), start);
        if (!dryRun && status != ErasureReceipt.Status.REFUSED_LEGAL_HOLD
                && status != ErasureReceipt.Status.AMBIGUOUS_SUBJECT) {
            erasePersonalAuditFields(subject, plan.resolution());
        }
        return receipt;
    }

    /**
     * Erases the personal fields of the audit records naming the subject (by id in {@code subject_ref}), after the
     * erasure's own record: a failure here leaves the data erased and recorded, and rerunning the erasure retries it.
     */
    private void erasePersonalAuditFields(SubjectRef subject, SubjectResolution resolution) {
        Set<String> ids = new LinkedHashSet<>(resolution.ids());
        subject.id().ifPresent(ids::add);
        try {
            for (String id : ids) {
                s.audit().erasePersonalFields(id);
            }
        } catch (UnsupportedOperationException e) {
            // A log that cannot keep personal fields holds none of the subject's: nothing to erase there.
            LOG.debug("the audit log keeps no erasable personal fields");
        } catch (RuntimeException e) {
            // The erasure's own record already says completed; without this one the trail would not show that the
            // subject's personal audit fields are still there.
            String error = org.compliancekit.FailureMessages.safe(e);
            try {
                s.audit().append(new AuditEvent(AuditEvent.TYPE_PERSONAL_FIELD_ERASURE, AuditStatus.FAILED,
                        AuditEvent.SYSTEM, "erasing a subject's personal audit fields failed; run the erasure again "
                        + "to retry", Map.of("reason", "subject erasure", "error", error), Duration.ZERO, false));
            } catch (RuntimeException recordFailed) {
                e.addSuppressed(recordFailed);
            }
            throw e;
        }
    }

    private static ErasureReceipt.Status outcome(List<ErasureReceipt.TableErasure> tables) {
        long found = tables.stream().mapToLong(ErasureReceipt.TableErasure::found).sum();
        long changed = tables.stream().mapToLong(ErasureReceipt.TableErasure::changed).sum();
        long held = tables.stream().mapToLong(ErasureReceipt.TableErasure::held).sum();
        if (changed > 0) {
            return ErasureReceipt.Status.COMPLETED;
        }
        if (found == 0) {
            return ErasureReceipt.Status.NO_DATA_HELD;
        }
        return held > 0 ? ErasureReceipt.Status.REFUSED_LEGAL_HOLD : ErasureReceipt.Status.ALREADY_ERASED;
    }

    private static String summary(ErasureReceipt r, String label) {
        String what = (r.dryRun() ? "erasure dry run of subject " : "erasure of subject ") + label + ": ";
        return what + switch (r.status()) {
            case AMBIGUOUS_SUBJECT -> "refused, the request's identities match " + r.subjects()
                    + " subjects; nothing was changed";
            case REFUSED_LEGAL_HOLD -> "refused, the rows are under a legal hold; nothing was changed";
            case NO_DATA_HELD -> "no data held for the subject; nothing was changed";
            case ALREADY_ERASED -> r.totalFound() + " rows found, already erased or kept; nothing needed changing";
            default -> r.totalChanged() + " rows " + (r.dryRun() ? "would change" : "changed") + " in "
                    + r.tables().size() + " tables";
        };
    }

    ErasureReceipt retryHooks(SubjectRef subject, ErasureReceipt receipt, String actor) {
        long start = System.nanoTime();
        if (!s.hashes().label(subject).equals(receipt.subject())) {
            throw new IllegalArgumentException("the receipt is for subject " + receipt.subject()
                    + ", not for the subject given; pass the subject the receipt was issued for");
        }
        if (receipt.dryRun() || receipt.status() == ErasureReceipt.Status.REFUSED_LEGAL_HOLD
                || receipt.status() == ErasureReceipt.Status.AMBIGUOUS_SUBJECT
                || receipt.status() == ErasureReceipt.Status.NO_DATA_HELD) {
            throw new IllegalArgumentException("the receipt of subject " + receipt.subject() + " is of a dry run or "
                    + "an erasure that ran no hooks (" + receipt.status() + "); run the erasure itself instead");
        }
        ErasureReceipt updated = receipt.withHooks(runHooks(subject, receipt.hooks()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subject", updated.subject());
        details.put("retry", true);
        details.put("erasedAt", receipt.at().toString());
        details.put("hooks", ErasureReceipt.hookDetails(updated.hooks()));
        long failed = updated.failedHooks().size();
        s.audit().append(new AuditEvent(AuditEvent.TYPE_USER_DELETION,
                failed == 0 ? AuditStatus.COMPLETED : AuditStatus.PARTIAL, actor,
                "processor hooks retried for subject " + updated.subject() + ": " + failed + " still failing",
                details, Duration.ofNanos(System.nanoTime() - start), false));
        return updated;
    }

    private List<TableMapping> childrenFirst() {
        List<String> names = SubjectScope.linkedTables(s.map()).stream().map(TableMapping::table).toList();
        List<String> order = new ArrayList<>(s.store().describe().parentsFirst(names));
        Collections.reverse(order);
        return order.stream().map(n -> s.map().table(n).orElseThrow()).toList();
    }

    private Plan plan(StoreReader reader, List<TableMapping> order, SubjectRef subject) {
        SubjectResolution resolution = SubjectResolution.resolve(reader, s.map(), s.store().describe(), subject);
        if (resolution.ambiguous()) {
            LOG.info("erasure of subject {} refused: the request matches {} subjects", s.hashes().label(subject),
                    resolution.ids().size());
            return new Plan(resolution, List.of(), ErasureReceipt.Status.AMBIGUOUS_SUBJECT);
        }
        if (resolution.ids().stream().anyMatch(id -> s.hold().isHeld(SubjectRef.ofId(id)))) {
            return new Plan(resolution, List.of(), ErasureReceipt.Status.REFUSED_LEGAL_HOLD);
        }
        List<TablePlan> plans = new ArrayList<>();
        for (TableMapping m : order) {
            plans.add(planTable(reader, m, resolution));
        }
        return new Plan(resolution, plans, null);
    }

    private TablePlan planTable(StoreReader reader, TableMapping m, SubjectResolution resolution) {
        List<MatchedRow> rows = new ArrayList<>();
        Set<RowKey> pending = new HashSet<>();
        RowShape[] shape = new RowShape[1];
        // What row-level holds are checked against: the subject id, or for a subject known by address only, that.
        Object holdValue = !resolution.ids().isEmpty() ? resolution.ids().get(0)
                : resolution.emails().stream().findFirst().orElse(null);
        Optional<String> skip = resolution.forEachRow(reader, m, s.store().describe(), (cols, r) -> {
            if (shape[0] == null) {
                shape[0] = RowShape.of(s.store().describe(), m, cols);
            }
            RowKey key = shape[0].key(r);
            rows.add(new MatchedRow(key, holdValue));
            if (shape[0].pending(r)) {
                pending.add(key);
            }
        });
        if (skip.isPresent()) {
            return new TablePlan(m, List.of(), 0, 0, skip.get());
        }
        if (m.exportOnly()) {
            return new TablePlan(m, List.of(), rows.size(), 0, "kept: exported only, never erased (" + m.keptBecause() + ")");
        }
        Set<RowKey> held = rows.isEmpty() ? Set.of() : s.hold().held(m.table(), rows);
        boolean delete = m.onErasure() == RowAction.DELETE;
        List<RowKey> keys = rows.stream().map(MatchedRow::key)
                .filter(k -> !held.contains(k) && (delete || pending.contains(k))).toList();
        return new TablePlan(m, keys, rows.size(), held.size(), "");
    }

    private List<ErasureReceipt.TableErasure> apply(StoreTransaction tx, List<TablePlan> plans, SubjectRef subject,
            Instant now) {
        List<ErasureReceipt.TableErasure> out = new ArrayList<>();
        List<LedgerEntry.ErasedRows> ledgerRows = new ArrayList<>();
        for (TablePlan p : plans) {
            long changed = 0;
            for (int from = 0; from < p.keys().size(); from += s.batchSize()) {
                List<RowKey> batch = p.keys().subList(from, Math.min(p.keys().size(), from + s.batchSize()));
                changed += p.mapping().onErasure() == RowAction.DELETE
                        ? tx.delete(p.mapping().table(), batch)
                        : tx.anonymize(p.mapping(), batch, s.context());
            }
            out.add(p.receipt(changed));
            if (changed > 0 && s.ledger() != null) {
                ledgerRows.add(new LedgerEntry.ErasedRows(p.mapping().table(), p.mapping().onErasure(),
                        p.keys().stream().map(k -> s.hashes().row(p.mapping().table(), k)).toList()));
            }
        }
        if (!ledgerRows.isEmpty()) {
            // Inside the transaction: if the entry cannot be stored, the erasure rolls back rather than
            // becoming one a restore would silently undo.
            s.ledger().record(new LedgerEntry(UUID.randomUUID().toString(), now, s.hashes().subject(subject),
                    ledgerRows));
        }
        return out;
    }

    /** Runs every hook that has not run or failed before; outcomes are matched to hooks by processor name. */
    private List<HookOutcome> runHooks(SubjectRef subject, List<HookOutcome> previous) {
        List<HookOutcome> out = new ArrayList<>();
        for (ProcessorErasureHook hook : s.hooks()) {
            HookOutcome before = previous.stream().filter(h -> h.processor().equalsIgnoreCase(hook.processor()))
                    .findFirst().orElse(HookOutcome.notRun(hook.processor()));
            if (before.status() != HookStatus.NOT_RUN && before.status() != HookStatus.FAILED) {
                out.add(before);
                continue;
            }
            HookResult r;
            try {
                r = hook.erase(subject);
                if (r == null) {
                    r = HookResult.failed("the hook returned no result");
                }
            } catch (RuntimeException e) {
                // The exception's message may carry personal data from the processor's API: only its type is kept.
                LOG.warn("erasure hook for processor {} failed with {}", hook.processor(), e.getClass().getName());
                r = HookResult.failed("the hook threw " + e.getClass().getName());
            }
            out.add(new HookOutcome(hook.processor(), r.status(), r.note(), s.clock().instant(), before.attempts() + 1));
        }
        return out;
    }

    private void audit(ErasureReceipt receipt, String actor, String summary, long start) {
        AuditStatus status = switch (receipt.status()) {
            case COMPLETED, ALREADY_ERASED, NO_DATA_HELD -> AuditStatus.COMPLETED;
            case HOOKS_FAILED -> AuditStatus.PARTIAL;
            case REFUSED_LEGAL_HOLD, AMBIGUOUS_SUBJECT -> AuditStatus.FAILED;
        };
        s.audit().append(new AuditEvent(AuditEvent.TYPE_USER_DELETION, status, actor, summary, receipt.toDetails(),
                Duration.ofNanos(System.nanoTime() - start), receipt.dryRun()));
    }
}
