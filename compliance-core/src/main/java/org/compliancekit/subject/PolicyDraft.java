package org.compliancekit.subject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.ForeignKey;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;

/**
 * A starting policy drafted from a schema: the subject table with its identities, every table that reaches it
 * through foreign keys with the join path, a strategy for each column that looks personal (chosen to fit its type,
 * length and nullability) and {@code keep} suggestions for money and dates. The draft validates against the schema
 * it came from; {@link #yaml()} carries comments saying what to review. It reads the schema only, never data.
 *
 * <pre>{@code
 * PolicyDraft draft = PolicyDraft.fromSchema(store.describe(), "customer");
 * Files.writeString(Path.of("policy.yaml"), draft.yaml());
 * }</pre>
 */
public final class PolicyDraft {
    private final PiiMap map;
    private final String yaml;

    private PolicyDraft(PiiMap map, String yaml) {
        this.map = map;
        this.yaml = yaml;
    }

    /** Drafts the policy of {@code schema} for subjects stored in {@code subjectTable}. */
    public static PolicyDraft fromSchema(SchemaDescription schema, String subjectTable) {
        TableSchema subject = schema.table(subjectTable).orElseThrow(() -> new ConfigurationException(
                "--subject-table " + subjectTable + ": no such table in the database; name the table holding one row "
                        + "per data subject (e.g. customer or users)"));
        if (subject.primaryKey().size() != 1) {
            throw new ConfigurationException("subject table " + subject.name() + " needs a single-column primary key "
                    + "to link other tables to its subjects; it has " + subject.primaryKey().size());
        }
        Map<String, Reached> reached = reach(schema, subject);
        PiiMap.Builder map = PiiMap.builder();
        StringBuilder y = new StringBuilder();
        y.append("# Draft policy for subjects in table ").append(subject.name()).append(", drafted from the schema.\n")
                .append("# It validates as it is, but it is a starting point: review every line marked REVIEW, add\n")
                .append("# each table's purpose and categories, and the processors you share data with.\n")
                .append("version: 1\ntables:\n");
        for (Reached r : reached.values()) {
            if (r.table().primaryKey().isEmpty()) {
                y.append("\n  # REVIEW: ").append(r.table().name()).append(" reaches the subject (").append(r.via())
                        .append(") but has no primary key, which erasure needs to name rows: add one, or declare\n"
                                + "  # primaryKey for it, and map it.\n");
                continue;
            }
            TableMapping m = mapping(r);
            map.table(m);
            write(y, r, m);
        }
        List<String> unlinked = schema.tables().stream().map(TableSchema::name)
                .filter(n -> !reached.containsKey(n)).toList();
        if (!unlinked.isEmpty()) {
            y.append("# Not linked to ").append(subject.name()).append(" by foreign keys, so not mapped: ")
                    .append(String.join(", ", unlinked)).append(".\n# REVIEW: map any of them that holds personal data "
                            + "(a subject link by email address works without a foreign key).\n");
        }
        return new PolicyDraft(map.build(), y.toString());
    }

    /** The drafted map. */
    public PiiMap map() {
        return map;
    }

    /** The drafted map as a policy with default retention, backup and audit settings. */
    public CompliancePolicy policy() {
        return CompliancePolicy.of(map);
    }

    /** The policy file text, with comments on what to review. */
    public String yaml() {
        return yaml;
    }

    /** A table that reaches the subject, the link it does so by, and the joins to describe it. */
    private record Reached(TableSchema table, SubjectLink link, String via, List<String> linkColumns) {
    }

    /** Breadth first from the subject table along foreign keys pointing at reached tables: the shortest paths. */
    private static Map<String, Reached> reach(SchemaDescription schema, TableSchema subject) {
        Map<String, Reached> out = new LinkedHashMap<>();
        String pk = subject.primaryKey().get(0);
        out.put(subject.name(), new Reached(subject, SubjectLink.id(pk), "the subject table", List.of(pk)));
        Deque<TableSchema> queue = new ArrayDeque<>(List.of(subject));
        while (!queue.isEmpty()) {
            TableSchema parent = queue.removeFirst();
            Reached p = out.get(parent.name());
            for (TableSchema child : schema.tables()) {
                if (out.containsKey(child.name())) {
                    continue;
                }
                for (ForeignKey fk : child.foreignKeys()) {
                    if (fk.columns().size() != 1 || !fk.referencedTable().equalsIgnoreCase(parent.name())) {
                        continue;
                    }
                    String from = fk.columns().get(0);
                    String to = fk.referencedColumns().get(0);
                    SubjectLink link;
                    if (parent == subject && to.equalsIgnoreCase(pk)) {
                        link = SubjectLink.id(from);
                    } else {
                        List<Join> joins = new ArrayList<>();
                        joins.add(Join.to(from, parent.name(), to));
                        SubjectLink end = p.link();
                        if (end instanceof SubjectLink.ViaPath path) {
                            joins.addAll(path.joins());
                            end = path.end();
                        } else if (parent == subject) {
                            end = SubjectLink.id(pk);
                        }
                        link = SubjectLink.path(joins, end);
                    }
                    String via = child.name() + "." + from + " → " + parent.name() + "." + to
                            + (parent == subject ? "" : ", then " + p.via());
                    out.put(child.name(), new Reached(child, link, via, List.of(from)));
                    queue.addLast(child);
                    break;
                }
            }
        }
        return out;
    }

    /** A suggested field with the comment that explains it. */
    private record Suggestion(PiiField field, String comment) {
    }

    private static TableMapping mapping(Reached r) {
        TableMapping.Builder b = TableMapping.builder(r.table().name()).subject(r.link());
        List<Suggestion> fields = suggestions(r);
        fields.forEach(s -> b.field(s.field().column(), s.field().strategy()));
        if (r.link() instanceof SubjectLink.ById && r.linkColumns().get(0).equalsIgnoreCase(r.table().primaryKey()
                .stream().findFirst().orElse(""))) {
            identities(r.table()).forEach(b::identity);
        }
        if (fields.stream().allMatch(s -> s.field().strategy().keepsValue())) {
            b.exportOnly("REVIEW: no column looks personal enough to erase; the rows are exported as the subject's "
                    + "data and kept on erasure");
        }
        return b.build();
    }

    /** Email and phone columns of the subject table, through which requests are resolved. */
    private static Map<String, String> identities(TableSchema t) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ColumnSchema c : t.columns()) {
            Optional<String> why = PiiSignals.byName(c.name());
            if (why.isPresent() && c.type().isText()) {
                if (why.get().endsWith("an email address")) {
                    out.putIfAbsent("email", c.name());
                } else if (why.get().endsWith("a phone number")) {
                    out.putIfAbsent("phone", c.name());
                }
            }
        }
        return out;
    }

    private static List<Suggestion> suggestions(Reached r) {
        List<Suggestion> out = new ArrayList<>();
        TableSchema t = r.table();
        for (ColumnSchema c : t.columns()) {
            boolean structural = t.primaryKey().stream().anyMatch(c.name()::equalsIgnoreCase)
                    || r.linkColumns().stream().anyMatch(c.name()::equalsIgnoreCase)
                    || t.foreignKeys().stream().anyMatch(fk -> fk.columns().stream().anyMatch(c.name()::equalsIgnoreCase));
            if (structural) {
                continue;
            }
            Optional<String> personal = PiiSignals.byName(c.name());
            String shape = c.nativeType() + (c.nullable() ? "" : " NOT NULL");
            if (personal.isPresent()) {
                out.add(personal(c, personal.get(), shape));
            } else if (c.type() == SqlType.DECIMAL || c.type().isTemporal()) {
                String what = c.type() == SqlType.DECIMAL ? "an amount" : "a date";
                out.add(new Suggestion(new PiiField(c.name(), Strategy.keep("REVIEW: " + what + ", kept for "
                        + "bookkeeping; state the law and period")), what + " (" + shape + "): keep suggested"));
            }
        }
        return out;
    }

    private static Suggestion personal(ColumnSchema c, String why, String shape) {
        boolean fitsHash = c.type().isText() && (c.size() <= 0 || c.size() >= Strategy.Hash.OUTPUT_LENGTH);
        boolean fitsRedact = c.type().isText() && (c.size() <= 0 || c.size() >= Strategy.Redact.DEFAULT_TEXT.length());
        Strategy s;
        String note;
        if (why.endsWith("an email address") && fitsHash) {
            s = Strategy.hash();
            note = "hash keeps unique addresses unique";
        } else if (why.endsWith("an email address") && !c.nullable()) {
            s = fitsRedact ? Strategy.redact() : Strategy.keep("REVIEW: an email address in a column too short to "
                    + "erase; widen it to " + Strategy.Hash.OUTPUT_LENGTH + " and use hash");
            note = "REVIEW: too short to hash; if the column is unique, widen it to " + Strategy.Hash.OUTPUT_LENGTH
                    + " and use hash, as a second erasure would repeat the redacted text";
        } else if (c.nullable()) {
            s = Strategy.nulled();
            note = "nullable, so emptied";
        } else if (fitsRedact) {
            s = Strategy.redact();
            note = "NOT NULL, so overwritten";
        } else if (fitsHash) {
            s = Strategy.hash();
            note = "NOT NULL, so hashed";
        } else {
            s = Strategy.keep("REVIEW: personal, but no built-in strategy fits a " + shape + " column; use a custom "
                    + "strategy or delete the row on erasure");
            note = "no built-in strategy fits";
        }
        return new Suggestion(new PiiField(c.name(), s), why + " (" + shape + "): " + note);
    }

    private static void write(StringBuilder y, Reached r, TableMapping m) {
        y.append("\n  # ").append(r.via().equals("the subject table") ? "The subject table." : "Reaches the subject: "
                + r.via()).append('\n');
        y.append("  ").append(q(m.table())).append(":\n");
        y.append("    subject: ").append(link(m.subjectLink())).append('\n');
        if (!m.identities().isEmpty()) {
            y.append("    # REVIEW: requests by these identities are resolved to subject ids here.\n");
            y.append("    identities: {").append(String.join(", ", m.identities().stream()
                    .map(i -> i.identity() + ": " + q(i.column())).toList())).append("}\n");
        }
        if (!m.exportOnlyReason().isEmpty()) {
            y.append("    exportOnly: ").append(q(m.exportOnlyReason())).append('\n');
        }
        if (m.fields().isEmpty()) {
            return;
        }
        y.append("    fields:\n");
        List<Suggestion> notes = suggestions(r);
        for (int i = 0; i < m.fields().size(); i++) {
            PiiField f = m.fields().get(i);
            y.append("      # ").append(notes.get(i).comment()).append('\n');
            y.append("      ").append(q(f.column())).append(": ").append(strategy(f.strategy())).append('\n');
        }
    }

    private static String link(SubjectLink link) {
        String id = ((SubjectLink.ById) link.terminal()).column();
        if (!(link instanceof SubjectLink.ViaPath p)) {
            return "{ id: " + q(id) + " }";
        }
        return "{ id: " + q(id) + ", path: [" + String.join(", ", p.joins().stream()
                .map(j -> "{ from: " + q(j.fromColumn()) + ", to: " + q(j.toTable() + "." + j.toColumn()) + " }")
                .toList()) + "] }";
    }

    private static String strategy(Strategy s) {
        if (s instanceof Strategy.Keep k) {
            return "{ keep: " + q(k.reason()) + " }";
        }
        return s instanceof Strategy.Hash ? "hash" : s instanceof Strategy.Null ? "nullify" : "redact";
    }

    /** A YAML double-quoted scalar (JSON string syntax, which YAML reads). */
    private static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
