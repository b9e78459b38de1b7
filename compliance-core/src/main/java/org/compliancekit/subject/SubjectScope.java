package org.compliancekit.subject;

import java.util.List;
import java.util.Locale;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
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
