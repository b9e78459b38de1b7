package org.compliancekit.jpa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.Problem;
import org.compliancekit.retention.RetentionRule;

/**
 * Lays a policy file over the scanned policy: the file adds what the annotations lack and overrides what they
 * declare differently; every override of a declared value is a conflict, reported as a warning. Tables may be
 * named by entity name and fields and timestamp columns by attribute name.
 */
final class PolicyOverlay {
    private final Map<String, MappedTable> tables;
    private final List<Problem> conflicts = new ArrayList<>();

    PolicyOverlay(Map<String, MappedTable> tables) {
        this.tables = tables;
    }

    List<Problem> conflicts() {
        return List.copyOf(conflicts);
    }

    CompliancePolicy apply(CompliancePolicy scanned, CompliancePolicy file) {
        Map<String, TableMapping> merged = new LinkedHashMap<>();
        scanned.map().tables().forEach(t -> merged.put(MappedTable.key(t.table()), t));
        for (TableMapping f : file.map().tables()) {
            TableMapping resolved = resolve(f);
            TableMapping s = merged.get(MappedTable.key(resolved.table()));
            merged.put(MappedTable.key(resolved.table()), s == null ? resolved : merge(s, resolved));
        }
        Map<String, RetentionRule> rules = new LinkedHashMap<>();
        scanned.rules().forEach(r -> rules.put(r.name(), r));
        for (RetentionRule r : file.rules()) {
            RetentionRule resolved = resolve(r);
            RetentionRule s = rules.put(resolved.name(), resolved);
            if (s != null && !s.equals(resolved)) {
                conflict("rule " + r.name(), "the policy file's rule differs from the @Retain annotation's; the file's is used",
                        "declare the rule in one place");
            }
        }
        List<TableMapping> tablesOut = new ArrayList<>(merged.values());
        return new CompliancePolicy(new PiiMap(tablesOut, file.map().processors()), List.copyOf(rules.values()),
                file.backup(), file.audit(), file.job());
    }

    private TableMapping merge(TableMapping s, TableMapping f) {
        String at = describe(s.table());
        TableMapping.Builder b = TableMapping.builder(s.table());
        b.primaryKey((f.primaryKey().isEmpty() ? s.primaryKey() : f.primaryKey()).toArray(String[]::new));
        if (!f.primaryKey().isEmpty() && !s.primaryKey().isEmpty() && !f.primaryKey().equals(s.primaryKey())) {
            conflict(at, "the policy file declares another primary key", "declare it in one place");
        }
        if (f.subjectLink() != null && s.subjectLink() != null && !f.subjectLink().equals(s.subjectLink())) {
            conflict(at, "the policy file links the table to the subject differently (" + f.subjectLink()
                    + ") from the annotations (" + s.subjectLink() + "); the file's link is used", "declare the link in one place");
        }
        b.subject(f.subjectLink() != null ? f.subjectLink() : s.subjectLink());
        Map<String, PiiField> fields = new LinkedHashMap<>();
        s.fields().forEach(x -> fields.put(MappedTable.key(x.column()), x));
        for (PiiField x : f.fields()) {
            PiiField before = fields.put(MappedTable.key(x.column()), x);
            if (before != null && !before.strategy().equals(x.strategy())) {
                conflict(describeColumn(s.table(), x.column()), "the annotation says " + before.strategy().name()
                        + ", the policy file says " + x.strategy().name() + "; the file's strategy is used",
                        "declare the strategy in one place");
            }
        }
        fields.values().forEach(x -> b.field(x.column(), x.strategy()));
        if (f.onErasure() != s.onErasure()) {
            conflict(at, "the annotations say " + s.onErasure() + " on erasure, the policy file says " + f.onErasure()
                    + "; the file's action is used", "declare the action in one place");
        }
        b.onErasure(f.onErasure());
        if (!f.purpose().isEmpty() && !s.purpose().isEmpty() && !f.purpose().equals(s.purpose())) {
            conflict(at, "the policy file states another purpose; the file's is used", "declare the purpose in one place");
        }
        b.purpose(f.purpose().isEmpty() ? s.purpose() : f.purpose());
        LinkedHashSet<String> categories = new LinkedHashSet<>(s.categories());
        categories.addAll(f.categories());
        b.categories(categories.toArray(String[]::new));
        return b.build();
    }

    /** The file's table with an entity name replaced by its table, attribute names by columns. */
    private TableMapping resolve(TableMapping f) {
        MappedTable t = table(f.table());
        if (t == null) {
            return f;
        }
        TableMapping.Builder b = TableMapping.builder(t.name).primaryKey(f.primaryKey().toArray(String[]::new))
                .subject(f.subjectLink()).onErasure(f.onErasure()).purpose(f.purpose())
                .categories(f.categories().toArray(String[]::new));
        f.fields().forEach(x -> b.field(column(t, x.column()), x.strategy()));
        return b.build();
    }

    private RetentionRule resolve(RetentionRule r) {
        MappedTable t = table(r.table());
        if (t == null) {
            return r;
        }
        return new RetentionRule(r.name(), t.name, r.action(), r.period(), column(t, r.timestampColumn()), r.condition());
    }

    /** The mapped table named {@code name}, or the table of the entity named so. */
    private MappedTable table(String name) {
        MappedTable t = tables.get(MappedTable.key(name));
        if (t != null) {
            return t;
        }
        return tables.values().stream()
                .filter(x -> x.kind == MappedTable.Kind.ENTITY && x.owner == null && !x.history && x.entity.equalsIgnoreCase(name))
                .filter(x -> x.type != null && MetamodelReader.inherited(x.type, jakarta.persistence.Entity.class) != null)
                .findFirst().orElse(null);
    }

    /** A column of {@code t}, or the column of the attribute named so. */
    private static String column(MappedTable t, String name) {
        if (t.columnNames.containsKey(MappedTable.key(name))) {
            return t.columnNames.get(MappedTable.key(name));
        }
        return t.attributes.entrySet().stream()
                .filter(e -> e.getValue().equals(t.entity + "." + name) || Objects.equals(e.getValue(), t.owner))
                .filter(e -> e.getValue().endsWith("." + name))
                .map(e -> t.columnNames.getOrDefault(e.getKey(), e.getKey())).findFirst().orElse(name);
    }

    private String describe(String table) {
        MappedTable t = tables.get(MappedTable.key(table));
        return t == null ? table : t.describe();
    }

    private String describeColumn(String table, String column) {
        MappedTable t = tables.get(MappedTable.key(table));
        return t == null ? table + "." + column : t.describe(column);
    }

    private void conflict(String at, String message, String fix) {
        conflicts.add(new Problem(Problem.Severity.WARNING, at, message, fix));
    }
}
