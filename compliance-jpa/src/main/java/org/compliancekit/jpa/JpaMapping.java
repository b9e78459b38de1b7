package org.compliancekit.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.Problem;
import org.compliancekit.policy.Validation;
import org.compliancekit.policy.ValidationReport;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.SchemaDescription;

/**
 * What {@link JpaScanner} found: the PII map and retention rules of the annotated entities, every problem of the
 * annotations, and the way back from a {@code table.column} to the {@code Entity.attribute} that maps it. Immutable;
 * {@link #combine} gives a new one with a policy file's additions and overrides.
 */
public final class JpaMapping {
    private static final Pattern TABLE_COLUMN = Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*)\\.([A-Za-z_][A-Za-z0-9_$]*)");
    private static final Pattern TABLE = Pattern.compile("\\b(?:table|from) ([A-Za-z_][A-Za-z0-9_$]*)\\b(?!\\.)");

    /** The data subject entity, with its id attribute and the attribute of its email address (may be null). */
    record Subject(String entity, Class<?> type, String idAttribute, String emailAttribute) {
    }

    private final CompliancePolicy policy;
    private final List<Problem> problems;
    private final Map<String, MappedTable> tables;
    private final Subject subject;

    JpaMapping(List<org.compliancekit.pii.TableMapping> mappings, List<RetentionRule> rules, List<String> errors,
            List<String> warnings, Map<String, MappedTable> tables, Subject subject) {
        this(new CompliancePolicy(new PiiMap(mappings, List.of()), rules, null, null),
                java.util.stream.Stream.concat(errors.stream().map(e -> problem(Problem.Severity.ERROR, e)),
                        warnings.stream().map(w -> problem(Problem.Severity.WARNING, w))).toList(), tables, subject);
    }

    JpaMapping(CompliancePolicy policy, List<Problem> problems, Map<String, MappedTable> tables, Subject subject) {
        this.policy = policy;
        this.problems = List.copyOf(problems);
        this.tables = Map.copyOf(tables);
        this.subject = subject;
    }

    private static Problem problem(Problem.Severity severity, String text) {
        int colon = text.indexOf(": ");
        return colon < 0 ? new Problem(severity, "annotations", text, "")
                : new Problem(severity, text.substring(0, colon), text.substring(colon + 2), "");
    }

    /** The scanned PII map. */
    public PiiMap map() {
        return policy.map();
    }

    /** The retention rules of {@link Retain} annotations (and of a combined policy file). */
    public List<RetentionRule> rules() {
        return policy.rules();
    }

    /** Map and rules as one policy, with the combined file's backup, audit and job settings (or the defaults). */
    public CompliancePolicy policy() {
        return policy;
    }

    /** Every problem found in the annotations, and the conflicts with a combined policy file. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * This mapping with a policy file applied: tables, fields and rules the file adds are added; what it declares
     * differently from the annotations overrides them, each difference reported as a warning in
     * {@link #problems()}. The file may name a table by its entity name and a field by its attribute name.
     */
    public JpaMapping combine(CompliancePolicy file) {
        Objects.requireNonNull(file, "policy file");
        PolicyOverlay overlay = new PolicyOverlay(tables);
        CompliancePolicy merged = overlay.apply(policy, file);
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(overlay.conflicts());
        return new JpaMapping(merged, all, tables, subject);
    }

    /**
     * Every problem at once: those of the annotations and those {@link Validation} finds against the store's
     * schema, each naming the entity and attribute as well as the table and column.
     */
    public ValidationReport validate(SchemaDescription schema) {
        List<Problem> all = new ArrayList<>(problems);
        for (Problem p : Validation.validate(policy, schema).problems()) {
            all.add(new Problem(p.severity(), describeLocation(p.location()), describeText(p.message()), p.fix()));
        }
        return new ValidationReport(all);
    }

    /** {@code Customer.email (customers.email)} for a mapped column; {@code table.column} when no entity maps it. */
    public String describe(String table, String column) {
        MappedTable t = tables.get(MappedTable.key(table));
        return t == null ? table + "." + column : t.describe(column);
    }

    /** {@code Customer (table customers)} for a mapped table; the table name when no entity maps it. */
    public String describe(String table) {
        MappedTable t = tables.get(MappedTable.key(table));
        return t == null ? table : t.describe();
    }

    /** The data subject entity's class, when the annotations name one. */
    public Optional<Class<?>> subjectType() {
        return Optional.ofNullable(subject).map(Subject::type);
    }

    /** The entity class whose rows (or collections, or history) live in {@code table}. */
    Optional<Class<?>> typeOf(String table) {
        return Optional.ofNullable(tables.get(MappedTable.key(table))).<Class<?>>map(t -> t.type)
                .filter(t -> t != java.util.Map.class);
    }

    /**
     * What a change of rows in {@code table} means for managed entities: {@code DETACH} when its rows are entities'
     * rows (deleting them removes entities), {@code REFRESH} for a collection table (the owner changes), and
     * {@code NONE} for a history table or a table no entity maps.
     */
    Effect effectOfDelete(String table) {
        MappedTable t = tables.get(MappedTable.key(table));
        if (t == null || t.history) {
            return Effect.NONE;
        }
        return t.kind == MappedTable.Kind.COLLECTION ? Effect.REFRESH : Effect.DETACH;
    }

    /** Whether anonymizing rows of {@code table} changes the state of managed entities. */
    boolean entityState(String table) {
        MappedTable t = tables.get(MappedTable.key(table));
        return t != null && !t.history;
    }

    /** What a write means for the managed entities of a table's type. */
    enum Effect { NONE, REFRESH, DETACH }

    Optional<Subject> subject() {
        return Optional.ofNullable(subject);
    }

    private String describeLocation(String location) {
        int dot = location.indexOf('.');
        if (location.contains(" ") || location.startsWith("compliance.")) {
            return describeText(location);
        }
        return dot < 0 ? describe(location) : describe(location.substring(0, dot), location.substring(dot + 1));
    }

    /**
     * Adds the entity and attribute after every {@code table.column} of a mapped table in {@code text}, and the
     * entity after every {@code table name}.
     */
    String describeText(String text) {
        Matcher m = TABLE_COLUMN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            MappedTable t = tables.get(MappedTable.key(m.group(1)));
            String label = t == null ? null : t.attributes.get(MappedTable.key(m.group(2)));
            m.appendReplacement(out, Matcher.quoteReplacement(label == null ? m.group() : m.group() + " [" + label + "]"));
        }
        m.appendTail(out);
        Matcher n = TABLE.matcher(out.toString());
        StringBuilder named = new StringBuilder();
        while (n.find()) {
            MappedTable t = tables.get(MappedTable.key(n.group(1)));
            String label = t == null ? null : t.owner != null ? t.owner : t.entity;
            n.appendReplacement(named, Matcher.quoteReplacement(label == null ? n.group() : n.group() + " [" + label + "]"));
        }
        n.appendTail(named);
        return named.toString();
    }
}
