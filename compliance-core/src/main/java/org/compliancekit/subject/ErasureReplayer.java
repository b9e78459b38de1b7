package org.compliancekit.subject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.compliancekit.ComplianceException;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.StoreTransaction;

/**
 * Re-applies the ledger's erasures to restored rows. The ledger names rows only by keyed hash, so each affected
 * table is scanned once and every row's key hashed; matching rows are anonymized or deleted again, children
 * before parents, in one transaction. Memory grows with the number of erased rows in the ledger, not with the
 * tables.
 */
final class ErasureReplayer {
    private final SubjectRights.Settings s;

    ErasureReplayer(SubjectRights.Settings settings) {
        this.s = settings;
    }

    ReplayResult replay(Instant since, String actor) {
        if (s.ledger() == null) {
            throw new ConfigurationException("no erasure ledger is configured, so there is nothing to replay: "
                    + "configure one with SubjectRights.builder(..).withLedger(..)");
        }
        long start = System.nanoTime();
        // table (lower case) → row hash → action; a later DELETE of a row wins over an earlier ANONYMIZE
        Map<String, Map<String, RowAction>> wanted = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        int entries = 0;
        try {
            try (Stream<LedgerEntry> ledger = s.ledger().since(since)) {
                for (LedgerEntry e : (Iterable<LedgerEntry>) ledger::iterator) {
                    entries++;
                    for (LedgerEntry.ErasedRows t : e.tables()) {
                        String k = t.table().toLowerCase(Locale.ROOT);
                        names.putIfAbsent(k, t.table());
                        Map<String, RowAction> rows = wanted.computeIfAbsent(k, x -> new HashMap<>());
                        for (String r : t.rows()) {
                            rows.merge(r, t.action(), (a, b) -> a == RowAction.DELETE ? a : b);
                        }
                    }
                }
            }
            List<String> order = new ArrayList<>(s.store().describe().parentsFirst(names.values()));
            Collections.reverse(order);
            Map<String, Long> changed = s.store().inTransaction(tx -> {
                Map<String, Long> out = new LinkedHashMap<>();
                for (String table : order) {
                    out.put(table, replayTable(tx, table, wanted.get(table.toLowerCase(Locale.ROOT))));
                }
                return out;
            });
            ReplayResult result = new ReplayResult(since, entries, changed);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("replay", true);
            details.put("since", since.toString());
            details.put("entries", entries);
            details.put("changed", changed);
            s.audit().append(new AuditEvent(AuditEvent.TYPE_USER_DELETION, AuditStatus.COMPLETED, actor,
                    "erasures after " + since + " replayed: " + entries + " erasures, " + result.totalChanged()
                            + " rows changed again", details, Duration.ofNanos(System.nanoTime() - start), false));
            return result;
        } catch (ComplianceException e) {
            s.audit().append(new AuditEvent(AuditEvent.TYPE_USER_DELETION, AuditStatus.FAILED, actor,
                    "replaying erasures after " + since + " failed; nothing was changed",
                    Map.of("replay", true, "since", since.toString(), "error", e.getMessage()),
                    Duration.ofNanos(System.nanoTime() - start), false));
            throw e;
        }
    }

    private long replayTable(StoreTransaction tx, String table, Map<String, RowAction> wanted) {
        TableMapping mapping = s.map().table(table).orElse(null);
        if (mapping == null && wanted.containsValue(RowAction.ANONYMIZE)) {
            throw new ConfigurationException("the erasure ledger anonymized rows of table " + table + " but the PII "
                    + "map no longer maps it; map the table again to replay its erasures");
        }
        TableMapping shapeOf = mapping != null ? mapping : TableMapping.builder(table).build();
        List<RowKey> anonymize = new ArrayList<>();
        List<RowKey> delete = new ArrayList<>();
        try (RowCursor c = tx.scan(table)) {
            RowShape shape = RowShape.of(s.store().describe(), shapeOf, c.columns());
            for (Object[] r = c.next(); r != null; r = c.next()) {
                RowKey key = shape.key(r);
                RowAction action = wanted.get(s.hashes().row(table, key));
                if (action == RowAction.DELETE) {
                    delete.add(key);
                } else if (action == RowAction.ANONYMIZE && shape.pending(r)) {
                    anonymize.add(key);
                }
            }
        }
        long changed = 0;
        for (int from = 0; from < anonymize.size(); from += s.batchSize()) {
            changed += tx.anonymize(mapping, anonymize.subList(from, Math.min(anonymize.size(), from + s.batchSize())),
                    s.context());
        }
        for (int from = 0; from < delete.size(); from += s.batchSize()) {
            changed += tx.delete(table, delete.subList(from, Math.min(delete.size(), from + s.batchSize())));
        }
        return changed;
    }
}
