package org.compliancekit.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancekit.ConfigurationException;
import org.compliancekit.policy.Durations;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.Condition;

/** Turns {@link Retain} annotations into retention rules, attributes into the columns of the entity's table. */
final class RetainRules {
    private RetainRules() {
    }

    static Optional<RetentionRule> rule(Retain r, String entity, MappedTable table, List<String> problems) {
        String at = entity + " @Retain" + (r.name().isEmpty() ? "" : "(" + r.name() + ")");
        int before = problems.size();
        String ts = column(table, entity, r.countingFrom(), at + " countingFrom", problems);
        List<Condition> conditions = new ArrayList<>();
        for (When w : r.when()) {
            String c = column(table, entity, w.attribute(), at + " when", problems);
            if (c != null) {
                conditions.add(switch (w.is()) {
                    case IN -> new Condition.In(c, List.of((Object[]) w.in()));
                    case TRUE -> Condition.isTrue(c);
                    case FALSE -> Condition.isFalse(c);
                    case NULL -> Condition.isNull(c);
                    case NOT_NULL -> Condition.isNotNull(c);
                });
            }
        }
        try {
            java.time.Duration period = Durations.parse(r.after(), at + " after");
            if (problems.size() > before) {
                return Optional.empty();
            }
            Condition when = conditions.isEmpty() ? Condition.always()
                    : conditions.size() == 1 ? conditions.get(0) : new Condition.And(conditions);
            return Optional.of(new RetentionRule(r.name(), table.name, r.action(), period, ts, when));
        } catch (ConfigurationException | IllegalArgumentException e) {
            problems.add(at + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The column of {@code attribute} in {@code table}, or null with a problem naming the attribute. */
    private static String column(MappedTable table, String entity, String attribute, String at, List<String> problems) {
        for (Map.Entry<String, String> e : table.attributes.entrySet()) {
            String path = e.getValue();
            if (path.endsWith("." + attribute) && path.substring(0, path.length() - attribute.length() - 1).indexOf('.') < 0) {
                return original(table, e.getKey());
            }
        }
        problems.add(at + ": attribute '" + attribute + "' of " + entity + " is not a basic attribute stored in table "
                + table.name + "; a rule counts from and tests columns of its own table");
        return null;
    }

    private static String original(MappedTable table, String lowerCaseColumn) {
        return table.columnNames.getOrDefault(lowerCaseColumn, lowerCaseColumn);
    }
}
