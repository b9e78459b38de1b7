package org.compliancekit.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.Processor;
import org.compliancekit.pii.StrategyRegistry;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.Condition;

/** Builds the file form of a policy; the inverse of {@link PolicyReader}. */
final class PolicyWriter {
    private PolicyWriter() {
    }

    static ObjectNode policy(CompliancePolicy p, JsonNodeFactory f) {
        ObjectNode root = f.objectNode();
        root.put("version", PolicyFiles.FORMAT_VERSION);
        ObjectNode tables = root.putObject("tables");
        for (TableMapping t : p.map().tables()) {
            tables.set(t.table(), table(t, f));
        }
        if (!p.map().processors().isEmpty()) {
            ArrayNode procs = root.putArray("processors");
            for (Processor x : p.map().processors()) {
                ObjectNode n = procs.addObject();
                n.put("name", x.name());
                n.put("purpose", x.purpose());
                strings(n.putArray("dataShared"), x.dataShared());
                n.put("dpa", x.dpaStatus().name().toLowerCase(Locale.ROOT));
                n.put("location", x.location());
            }
        }
        if (!p.rules().isEmpty()) {
            ArrayNode rules = root.putArray("retention");
            for (RetentionRule r : p.rules()) {
                ObjectNode n = rules.addObject();
                n.put("name", r.name());
                n.put("table", r.table());
                n.put("action", r.action().name().toLowerCase(Locale.ROOT));
                n.put("after", Durations.format(r.period()));
                n.put("countingFrom", r.timestampColumn());
                if (!(r.condition() instanceof Condition.And and && and.parts().isEmpty())) {
                    n.set("when", condition(r.condition(), f));
                }
            }
        }
        ObjectNode backup = root.putObject("backup");
        backup.put("enabled", p.backup().enabled());
        backup.put("name", p.backup().name());
        backup.put("cadence", Durations.format(p.backup().cadence()));
        backup.put("retention", Durations.format(p.backup().retention()));
        backup.put("encrypted", p.backup().encrypted());
        backup.put("compression", p.backup().compression().wireName());
        if (p.backup().parallelism() == BackupSettings.AUTO_PARALLELISM) {
            backup.put("parallelism", p.backup().parallelismText());
        } else {
            backup.put("parallelism", p.backup().parallelism());
        }
        strings(backup.putArray("excludeTables"), p.backup().excludeTables().stream().sorted().toList());
        strings(backup.putArray("schemas"), p.backup().schemas().stream().sorted().toList());
        ObjectNode audit = root.putObject("audit");
        audit.put("table", p.audit().table());
        audit.put("retention", p.audit().retention() == null ? "forever" : Durations.format(p.audit().retention()));
        if (p.audit().personalFieldsRetention() != null) {
            audit.put("personalFieldsRetention", Durations.format(p.audit().personalFieldsRetention()));
        }
        strings(audit.putArray("personalFields"), p.audit().personalFields().stream().sorted().toList());
        ObjectNode job = root.putObject("job");
        job.put("piiDeletionCadence", Durations.format(p.job().piiDeletionCadence()));
        job.put("skipDeletionWhenBackupFails", p.job().skipDeletionWhenBackupFails());
        job.put("dueGrace", Durations.format(p.job().dueGrace()));
        job.put("lockName", p.job().lockName());
        job.put("lockAtMostFor", Durations.format(p.job().lockAtMostFor()));
        return root;
    }

    private static ObjectNode table(TableMapping t, JsonNodeFactory f) {
        ObjectNode n = f.objectNode();
        if (!t.primaryKey().isEmpty()) {
            strings(n.putArray("primaryKey"), t.primaryKey());
        }
        if (t.subjectLink() != null) {
            n.set("subject", link(t.subjectLink(), f));
        }
        if (!t.identities().isEmpty()) {
            ObjectNode ids = n.putObject("identities");
            t.identities().forEach(i -> ids.put(i.identity(), i.column()));
        }
        if (!t.exportOnlyReason().isEmpty()) {
            n.put("exportOnly", t.exportOnlyReason());
        }
        if (!t.purpose().isEmpty()) {
            n.put("purpose", t.purpose());
        }
        if (!t.categories().isEmpty()) {
            strings(n.putArray("categories"), t.categories());
        }
        n.put("onErasure", t.onErasure().name().toLowerCase(Locale.ROOT));
        ObjectNode fields = n.putObject("fields");
        for (PiiField field : t.fields()) {
            StrategyRegistry.Named named = StrategyRegistry.nameOf(field.strategy());
            if (named.argument() == null) {
                fields.put(field.column(), named.name());
            } else {
                fields.putObject(field.column()).put(named.name(), named.argument());
            }
        }
        return n;
    }

    private static ObjectNode link(SubjectLink link, JsonNodeFactory f) {
        ObjectNode n = f.objectNode();
        SubjectLink end = link.terminal();
        if (end instanceof SubjectLink.ById id) {
            n.put("id", id.column());
        } else {
            n.put("email", ((SubjectLink.ByEmail) end).column());
        }
        if (link instanceof SubjectLink.ViaPath path) {
            ArrayNode joins = n.putArray("path");
            for (Join j : path.joins()) {
                joins.addObject().put("from", j.fromColumn()).put("to", j.toTable() + "." + j.toColumn());
            }
        }
        return n;
    }

    private static ObjectNode condition(Condition c, JsonNodeFactory f) {
        ObjectNode n = f.objectNode();
        if (c instanceof Condition.In in) {
            ArrayNode values = n.putObject("in").putArray(in.column());
            for (Object v : in.values()) {
                if (v instanceof Boolean b) {
                    values.add(b);
                } else if (v instanceof Integer i) {
                    values.add(i);
                } else if (v instanceof Long l) {
                    values.add(l);
                } else if (v instanceof BigDecimal d) {
                    values.add(d);
                } else {
                    values.add(String.valueOf(v));
                }
            }
        } else if (c instanceof Condition.IsTrue x) {
            n.put("isTrue", x.column());
        } else if (c instanceof Condition.IsFalse x) {
            n.put("isFalse", x.column());
        } else if (c instanceof Condition.IsNull x) {
            n.put("isNull", x.column());
        } else if (c instanceof Condition.IsNotNull x) {
            n.put("isNotNull", x.column());
        } else if (c instanceof Condition.And and) {
            ArrayNode parts = n.putArray("and");
            and.parts().forEach(p -> parts.add(condition(p, f)));
        } else if (c instanceof Condition.Or or) {
            ArrayNode parts = n.putArray("or");
            or.parts().forEach(p -> parts.add(condition(p, f)));
        }
        return n;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
