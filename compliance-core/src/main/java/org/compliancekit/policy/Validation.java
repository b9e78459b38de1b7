package org.compliancekit.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.compliancekit.pii.IdentityColumn;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.Processor;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.TableSchema;

/**
 * Checks a {@link CompliancePolicy} against the schema of the store it will run on and reports every problem at
 * once, each naming the table and column at fault and the fix. Run it at start-up: a policy that names a column
 * the database lacks must fail before any data is touched.
 */
public final class Validation {
    private final SchemaDescription schema;
    private final List<Problem> problems = new ArrayList<>();

    private Validation(SchemaDescription schema) {
        this.schema = schema;
    }

    /** Validates the whole policy against {@code schema}. */
    public static ValidationReport validate(CompliancePolicy policy, SchemaDescription schema) {
        Validation v = new Validation(schema);
        v.checkMap(policy);
        v.checkRules(policy);
        v.checkSettings(policy);
        return new ValidationReport(v.problems);
    }

    private void checkMap(CompliancePolicy policy) {
        Set<String> mapped = new HashSet<>();
        for (TableMapping m : policy.map().tables()) {
            if (!mapped.add(m.table().toLowerCase(Locale.ROOT))) {
                error(m.table(), "the table is mapped twice", "merge its entries into one");
                continue;
            }
            Optional<TableSchema> table = schema.table(m.table());
            if (table.isEmpty()) {
                error(m.table(), "the table does not exist in the data store", "check the name or remove the mapping");
                continue;
            }
            checkTable(m, table.get());
        }
        Set<String> processors = new HashSet<>();
        for (Processor p : policy.map().processors()) {
            if (!processors.add(p.name())) {
                error("processor " + p.name(), "the processor is registered twice", "keep one entry");
            }
        }
    }

    private void checkTable(TableMapping m, TableSchema t) {
        List<String> pk = m.primaryKey().isEmpty() ? t.primaryKey() : m.primaryKey();
        if (pk.isEmpty()) {
            error(t.name(), "the table has no primary key", "add a primary key to the table or declare primaryKey in the map");
        }
        for (String c : m.primaryKey()) {
            if (t.column(c).isEmpty()) {
                error(t.name() + "." + c, "primary key column does not exist", "fix primaryKey in the map");
            }
        }
        if (m.subjectLink() != null) {
            checkLink(t, m.subjectLink());
        }
        Set<String> seen = new HashSet<>();
        for (PiiField f : m.fields()) {
            String at = t.name() + "." + f.column();
            if (!seen.add(f.column().toLowerCase(Locale.ROOT))) {
                error(at, "the column is mapped twice", "give each column one strategy");
                continue;
            }
            Optional<ColumnSchema> col = t.column(f.column());
            if (col.isEmpty()) {
                error(at, "the column does not exist", "check the name or remove the field");
                continue;
            }
            if (!f.strategy().keepsValue() && pk.stream().anyMatch(k -> k.equalsIgnoreCase(f.column()))) {
                error(at, "a primary key column cannot be erased", "keep the key and erase the columns that hold PII");
            }
            checkStrategy(at, f.strategy(), col.get());
        }
        if (!m.exportOnlyReason().isEmpty() && m.onErasure() == RowAction.DELETE) {
            error(t.name(), "the table is marked export-only but deletes its rows on erasure",
                    "remove exportOnly, or remove onErasure: delete to keep the rows");
        } else if (!m.exportOnlyReason().isEmpty() && !m.erasedFields().isEmpty()) {
            error(t.name(), "the table is marked export-only but has fields to erase ("
                    + String.join(", ", m.erasedFields().stream().map(PiiField::column).toList()) + ")",
                    "make those fields keep with a reason, or remove exportOnly");
        } else if (m.onErasure() == RowAction.ANONYMIZE && m.fields().isEmpty() && m.exportOnlyReason().isEmpty()) {
            error(t.name(), "the table is ANONYMIZE but has no field to erase",
                    "add a PII field, use DELETE, or mark it exportOnly with the reason its rows are kept");
        }
        checkIdentities(m, t);
    }

    private void checkIdentities(TableMapping m, TableSchema t) {
        Set<String> names = new HashSet<>();
        for (IdentityColumn i : m.identities()) {
            String at = t.name() + "." + i.column();
            if (!names.add(i.identity())) {
                error(t.name(), "identity " + i.identity() + " is declared twice", "keep one column per identity");
            }
            if (!(m.subjectLink() instanceof SubjectLink.ById)) {
                error(at, "identity " + i.identity() + " is declared on a table not linked to its subject by an id "
                        + "column of its own", "declare identities on the subject's table or a table with subject: {id: ...}");
            }
            if (t.column(i.column()).isEmpty()) {
                error(at, "the identity column does not exist", "check the name or remove the identity");
            }
        }
    }

    private void checkStrategy(String at, Strategy s, ColumnSchema col) {
        if (s instanceof Strategy.Null && !col.nullable()) {
            error(at, "NULL on a NOT NULL column", "use REDACT or HASH, or make the column nullable");
        } else if (s instanceof Strategy.Redact r) {
            if (!col.type().isText()) {
                error(at, "REDACT on a non-text column (" + col.nativeType() + ")", "use NULL or a custom strategy");
            } else if (col.size() > 0 && r.text().length() > col.size()) {
                error(at, "REDACT text is " + r.text().length() + " characters but the column holds " + col.size(),
                        "use a shorter redact text");
            }
        } else if (s instanceof Strategy.Hash) {
            if (!col.type().isText()) {
                error(at, "HASH on a non-text column (" + col.nativeType() + ")", "use NULL or a custom strategy");
            } else if (col.size() > 0 && col.size() < Strategy.Hash.OUTPUT_LENGTH) {
                error(at, "HASH output is " + Strategy.Hash.OUTPUT_LENGTH + " characters but the column holds "
                        + col.size(), "widen the column to at least " + Strategy.Hash.OUTPUT_LENGTH + " or use REDACT");
            }
        }
    }

    private void checkLink(TableSchema start, SubjectLink link) {
        TableSchema table = start;
        SubjectLink end = link;
        if (link instanceof SubjectLink.ViaPath path) {
            for (Join j : path.joins()) {
                if (table.column(j.fromColumn()).isEmpty()) {
                    error(table.name() + "." + j.fromColumn(), "the subject path does not connect: the join column "
                            + "does not exist", "fix the path's join " + j);
                    return;
                }
                Optional<TableSchema> next = schema.table(j.toTable());
                if (next.isEmpty()) {
                    error(start.name(), "the subject path does not connect: table " + j.toTable() + " does not exist",
                            "fix the path's join " + j);
                    return;
                }
                if (next.get().column(j.toColumn()).isEmpty()) {
                    error(next.get().name() + "." + j.toColumn(), "the subject path does not connect: the join target "
                            + "column does not exist", "fix the path's join " + j);
                    return;
                }
                table = next.get();
            }
            end = path.end();
        }
        String column = end instanceof SubjectLink.ById id ? id.column() : ((SubjectLink.ByEmail) end).column();
        if (table.column(column).isEmpty()) {
            error(table.name() + "." + column, "the subject link column does not exist"
                    + (table == start ? "" : " (end of the path from " + start.name() + ")"), "fix the subject link");
        }
    }

    private void checkRules(CompliancePolicy policy) {
        Set<String> names = new HashSet<>();
        for (RetentionRule r : policy.rules()) {
            String at = "rule " + r.name();
            if (!names.add(r.name())) {
                error(at, "two retention rules have this name", "give each rule a unique name");
            }
            Optional<TableSchema> table = schema.table(r.table());
            if (table.isEmpty()) {
                error(at, "table " + r.table() + " does not exist in the data store", "fix the rule's table");
                continue;
            }
            TableSchema t = table.get();
            Optional<ColumnSchema> ts = t.column(r.timestampColumn());
            if (ts.isEmpty()) {
                error(t.name() + "." + r.timestampColumn(), "the trigger column of " + at + " does not exist",
                        "name the date or timestamp column the period counts from");
            } else if (!ts.get().type().isTemporal()) {
                error(t.name() + "." + r.timestampColumn(), "the trigger column of " + at + " is "
                        + ts.get().nativeType() + ", not a date or timestamp", "count from a date or timestamp column");
            }
            for (String c : r.condition().columns()) {
                if (t.column(c).isEmpty()) {
                    error(t.name() + "." + c, "the condition of " + at + " reads a column that does not exist",
                            "fix the condition");
                }
            }
            if (r.action() == RowAction.ANONYMIZE && policy.map().table(r.table()).isEmpty()) {
                error(at, "anonymizes table " + t.name() + " but the PII map has no fields for it",
                        "map the table's PII fields or make the rule DELETE");
            }
        }
    }

    private void checkSettings(CompliancePolicy policy) {
        Duration records = policy.audit().retention();
        Duration fields = policy.audit().personalFieldsRetention();
        if (records != null && fields != null && fields.compareTo(records) >= 0) {
            problems.add(new Problem(Problem.Severity.WARNING, "audit.personalFieldsRetention",
                    "personal audit fields are kept " + days(fields) + ", at least as long as their records ("
                            + "audit.retention, " + days(records) + "): the records are pruned first, so it erases nothing",
                    "keep personal fields for less than " + days(records) + ", or leave it unset"));
        }
        if (policy.backup().enabled()) {
            checkBackupRetention(policy);
        }
    }

    private void checkBackupRetention(CompliancePolicy policy) {
        Duration backupRetention = policy.backup().retention();
        policy.rules().stream()
                .filter(r -> !policy.backup().excludes(r.table()))
                .min(java.util.Comparator.comparing(RetentionRule::period))
                .filter(shortest -> backupRetention.compareTo(shortest.period()) >= 0)
                .ifPresent(shortest -> problems.add(new Problem(Problem.Severity.WARNING, "backup.retention",
                        "backups are kept " + days(backupRetention) + ", at least as long as the shortest retention "
                                + "period (rule " + shortest.name() + ", " + days(shortest.period()) + "): rows it "
                                + "removes would linger in backups past their deadline",
                        "keep backups for less than " + days(shortest.period())
                                + ", or rely on erasure replay after a restore")));
    }

    private static String days(Duration d) {
        return d.toHours() % 24 == 0 ? d.toDays() + " days" : d.toHours() + " hours";
    }

    private void error(String location, String message, String fix) {
        problems.add(new Problem(Problem.Severity.ERROR, location, message, fix));
    }
}
