package org.compliancekit.subject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.compliancekit.pii.RowAction;

/**
 * The proof of an erasure (GDPR art. 17): what was done to which table, which fields were kept and why, and what
 * the processors reported. It holds no personal data (the subject is named by id or keyed hash), so it can be
 * handed to the requester, stored as the {@code user_deletion} audit event and shown to an auditor. A dry run
 * returns the same receipt with {@link #dryRun()} set and {@link TableErasure#changed()} counting the rows that
 * would change.
 *
 * @param subject the subject's id ({@code id:…}) or the keyed hash of its email address
 * @param at when the erasure ran
 * @param dryRun whether nothing was written
 * @param status the overall outcome
 * @param tables one entry per table with a subject link, in the order the erasure visited them (children first)
 * @param hooks one entry per processor hook
 * @param identities every identity the request used after resolution: {@code id:…} for subject ids, the identity's
 *     name and a keyed hash for every other (e.g. {@code email:hmac:…}), never a plain address
 * @param subjects how many subjects the request's identities resolved to (more than one: refused as ambiguous)
 */
public record ErasureReceipt(
        String subject, Instant at, boolean dryRun, Status status, List<TableErasure> tables, List<HookOutcome> hooks,
        List<String> identities, int subjects) {

    public ErasureReceipt {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
        tables = List.copyOf(tables);
        hooks = List.copyOf(hooks);
        identities = List.copyOf(identities);
    }

    /** A receipt without identity resolution details. */
    public ErasureReceipt(String subject, Instant at, boolean dryRun, Status status, List<TableErasure> tables,
            List<HookOutcome> hooks) {
        this(subject, at, dryRun, status, tables, hooks, List.of(), 0);
    }

    /**
     * The overall outcome of an erasure; each has its own CLI exit code (see {@code docs/subject-rights.md}). A
     * failure is not a status: nothing is changed, the failure is audited with status {@code failed} and thrown.
     */
    public enum Status {
        /** Rows were found and erased (in a dry run: would be) and no hook failed (some may ask for a manual step). */
        COMPLETED,
        /** Rows were erased (or already were) but at least one processor hook failed: retry it. */
        HOOKS_FAILED,
        /** Nothing was done: the subject, or every row that still needed erasing, is under a legal hold. */
        REFUSED_LEGAL_HOLD,
        /** Rows of the subject were found, but none needed changing: an earlier erasure did it, or they are kept. */
        ALREADY_ERASED,
        /** No row of any table belongs to the subject: nothing was held, so nothing was erased. */
        NO_DATA_HELD,
        /** The request's identities match more than one subject; nothing was done: name the subject by id. */
        AMBIGUOUS_SUBJECT
    }

    /**
     * What the erasure did to one table.
     *
     * @param table the table
     * @param action anonymize (fields changed, row kept) or delete
     * @param found rows of the subject found
     * @param changed rows anonymized or deleted (in a dry run: that would be); 0 on a repeated erasure
     * @param held rows left alone because of a legal hold on the row
     * @param erased the fields changed and the strategy used ({@code null}, {@code redact}, {@code hash}, …);
     *     empty for {@code delete}, which removes the whole row
     * @param kept fields kept on purpose, each with its reason
     * @param skipped why the table was not searched (e.g. it links subjects by email and no address of the
     *     subject is known), or why its rows are kept (an export-only table); empty otherwise
     */
    public record TableErasure(
            String table, RowAction action, long found, long changed, long held, List<FieldErasure> erased,
            List<KeptField> kept, String skipped) {
        public TableErasure {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(action, () -> "action of table " + table);
            erased = List.copyOf(erased);
            kept = List.copyOf(kept);
            skipped = skipped == null ? "" : skipped;
        }

        TableErasure withChanged(long changed) {
            return new TableErasure(table, action, found, changed, held, erased, kept, skipped);
        }
    }

    /** A field changed by anonymization and the strategy that changed it. */
    public record FieldErasure(String column, String strategy) {
    }

    /** A field kept on purpose and the documented reason. */
    public record KeptField(String column, String reason) {
    }

    /** Rows of the subject found over all tables. */
    public long totalFound() {
        return tables.stream().mapToLong(TableErasure::found).sum();
    }

    /** Rows changed (or, in a dry run, that would change) over all tables. */
    public long totalChanged() {
        return tables.stream().mapToLong(TableErasure::changed).sum();
    }

    /** The hooks that failed and can be retried. */
    public List<HookOutcome> failedHooks() {
        return hooks.stream().filter(h -> h.status() == HookStatus.FAILED).toList();
    }

    /** The same receipt with new hook outcomes, and the status they imply. */
    ErasureReceipt withHooks(List<HookOutcome> outcomes) {
        boolean failed = outcomes.stream().anyMatch(h -> h.status() == HookStatus.FAILED);
        Status s = switch (status) {
            case COMPLETED, HOOKS_FAILED -> failed ? Status.HOOKS_FAILED : Status.COMPLETED;
            case ALREADY_ERASED -> failed ? Status.HOOKS_FAILED : Status.ALREADY_ERASED;
            default -> status;
        };
        return new ErasureReceipt(subject, at, dryRun, s, tables, outcomes, identities, subjects);
    }

    /** The receipt as audit event details: plain maps and lists, in a stable order. */
    Map<String, Object> toDetails() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("subject", subject);
        d.put("status", status.name().toLowerCase(Locale.ROOT));
        d.put("rowsChanged", totalChanged());
        d.put("identities", identities);
        d.put("subjects", subjects);
        List<Map<String, Object>> ts = new ArrayList<>();
        for (TableErasure t : tables) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", t.table());
            m.put("action", t.action().name().toLowerCase(Locale.ROOT));
            m.put("found", t.found());
            m.put("changed", t.changed());
            m.put("held", t.held());
            m.put("erased", t.erased().stream().map(f -> f.column() + ": " + f.strategy()).toList());
            m.put("kept", t.kept().stream().map(f -> f.column() + ": " + f.reason()).toList());
            if (!t.skipped().isEmpty()) {
                m.put("skipped", t.skipped());
            }
            ts.add(m);
        }
        d.put("tables", ts);
        d.put("hooks", hookDetails(hooks));
        return d;
    }

    static List<Map<String, Object>> hookDetails(List<HookOutcome> hooks) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HookOutcome h : hooks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("processor", h.processor());
            m.put("status", h.status().name().toLowerCase(Locale.ROOT));
            m.put("note", h.note());
            m.put("attempts", h.attempts());
            out.add(m);
        }
        return out;
    }
}
