package org.compliancekit.subject;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.retention.RetentionRule;

/** Which tables a subject request reaches, and what the map and rules say about each. */
final class SubjectScope {
    private SubjectScope() {
    }

    /** The mapped tables with a subject link, in map order. */
    static List<TableMapping> linkedTables(PiiMap map) {
        return map.tables().stream().filter(t -> t.subjectLink() != null).toList();
    }

    /**
     * Why {@code table} cannot be searched for {@code subject}, or empty when it can: a table linked by email
     * needs the request's email address, a table linked by id its id.
     */
    static Optional<String> skipReason(TableMapping table, SubjectRef subject) {
        SubjectLink end = table.subjectLink().terminal();
        if (subject.valueFor(end).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(end instanceof SubjectLink.ByEmail
                ? "the table links subjects by email address and the request gave none"
                : "the table links subjects by id and the request gave none");
    }

    /** The retention rules of {@code table}. */
    static List<RetentionRule> rulesOf(List<RetentionRule> rules, String table) {
        return rules.stream().filter(r -> r.table().equalsIgnoreCase(table)).toList();
    }

    /** Why a kept field is kept: the KEEP reason, or the name of a custom strategy that keeps the value. */
    static String keptReason(PiiField field) {
        return field.strategy() instanceof Strategy.Keep k ? k.reason() : "kept by strategy " + field.strategy().name();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
