package org.compliancekit.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditSettings;
import org.compliancekit.backup.BackupCompression;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.job.JobSettings;
import org.compliancekit.pii.DpaStatus;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Processor;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.StrategyRegistry;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.Condition;

/** Turns a parsed policy tree into the model, naming the path of every error (e.g. {@code tables.users.fields.email}). */
final class PolicyReader {
    private final StrategyRegistry strategies;

    PolicyReader(StrategyRegistry strategies) {
        this.strategies = strategies;
    }

    CompliancePolicy policy(ObjectNode root) {
        allowOnly(root, "", "version", "tables", "processors", "retention", "backup", "audit", "job");
        JsonNode version = root.get("version");
        if (version == null || !version.canConvertToInt()) {
            throw error("version", "is missing; start the file with 'version: " + PolicyFiles.FORMAT_VERSION + "'");
        }
        if (version.asInt() > PolicyFiles.FORMAT_VERSION || version.asInt() < 1) {
            throw error("version", version.asInt() + " is not supported; this library reads versions 1 to "
                    + PolicyFiles.FORMAT_VERSION + " (upgrade Compliance Kit to read newer files)");
        }
        PiiMap.Builder map = PiiMap.builder();
        JsonNode tables = root.path("tables");
        if (!tables.isMissingNode()) {
            requireObject(tables, "tables");
            for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.table(table(e.getKey(), e.getValue(), "tables." + e.getKey()));
            }
        }
        int i = 0;
        for (JsonNode p : list(root.path("processors"), "processors")) {
            map.processor(processor(p, "processors[" + i++ + "]"));
        }
        List<RetentionRule> rules = new ArrayList<>();
        i = 0;
        for (JsonNode r : list(root.path("retention"), "retention")) {
            rules.add(rule(r, "retention[" + i++ + "]"));
        }
        return new CompliancePolicy(map.build(), rules, backup(root.path("backup")), audit(root.path("audit")),
                job(root.path("job")));
    }

    private TableMapping table(String name, JsonNode n, String at) {
        requireObject(n, at);
        allowOnly(n, at, "primaryKey", "subject", "identities", "exportOnly", "purpose", "categories", "onErasure",
                "fields");
        TableMapping.Builder b = TableMapping.builder(name);
        b.primaryKey(strings(n.path("primaryKey"), at + ".primaryKey").toArray(String[]::new));
        if (n.has("subject")) {
            b.subject(link(n.get("subject"), at + ".subject"));
        }
        b.purpose(text(n, "purpose", at, ""));
        b.categories(strings(n.path("categories"), at + ".categories").toArray(String[]::new));
        b.onErasure(action(text(n, "onErasure", at, "anonymize"), at + ".onErasure"));
        JsonNode identities = n.path("identities");
        if (!identities.isMissingNode()) {
            requireObject(identities, at + ".identities");
            for (Iterator<Map.Entry<String, JsonNode>> it = identities.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String iat = at + ".identities." + e.getKey();
                if (!e.getValue().isTextual()) {
                    throw error(iat, "must name the column holding the identity, e.g. " + e.getKey() + ": email");
                }
                try {
                    b.identity(e.getKey(), e.getValue().asText());
                } catch (IllegalArgumentException ex) {
                    throw error(iat, ex.getMessage());
                }
            }
        }
        if (n.has("exportOnly")) {
            String reason = text(n, "exportOnly", at, "");
            if (reason.isBlank()) {
                throw error(at + ".exportOnly", "needs the reason the rows are kept, e.g. exportOnly: \"bookkeeping "
                        + "law: 10 years\"");
            }
            b.exportOnly(reason);
        }
        JsonNode fields = n.path("fields");
        if (!fields.isMissingNode()) {
            requireObject(fields, at + ".fields");
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                b.field(e.getKey(), strategy(e.getValue(), at + ".fields." + e.getKey()));
            }
        }
        return b.build();
    }

    private SubjectLink link(JsonNode n, String at) {
        requireObject(n, at);
        allowOnly(n, at, "id", "email", "path");
        SubjectLink end;
        if (n.has("id") == n.has("email")) {
            throw error(at, "needs exactly one of 'id' or 'email' (the column holding the subject's id or email)");
        }
        end = n.has("id") ? SubjectLink.id(text(n, "id", at, null)) : SubjectLink.email(text(n, "email", at, null));
        if (!n.has("path")) {
            return end;
        }
        List<Join> joins = new ArrayList<>();
        int i = 0;
        for (JsonNode j : list(n.get("path"), at + ".path")) {
            String jat = at + ".path[" + i++ + "]";
            requireObject(j, jat);
            allowOnly(j, jat, "from", "to");
            String to = text(j, "to", jat, null);
            int dot = to.lastIndexOf('.');
            if (dot <= 0 || dot == to.length() - 1) {
                throw error(jat + ".to", "must be 'table.column', was '" + to + "'");
            }
            joins.add(Join.to(text(j, "from", jat, null), to.substring(0, dot), to.substring(dot + 1)));
        }
        if (joins.isEmpty()) {
            throw error(at + ".path", "must list at least one join");
        }
        return SubjectLink.path(joins, end);
    }

    private Strategy strategy(JsonNode n, String at) {
        if (n.isNull()) {
            return Strategy.nulled();
        }
        String name;
        String arg = null;
        if (n.isTextual()) {
            name = n.asText();
        } else {
            requireObject(n, at);
            if (n.size() != 1) {
                throw error(at, "must have exactly one of redact, keep, custom");
            }
            Map.Entry<String, JsonNode> e = n.fields().next();
            name = e.getKey();
            arg = e.getValue().isNull() ? null : e.getValue().asText();
            if (arg == null && name.equals(StrategyRegistry.KEEP)) {
                arg = "";
            }
        }
        try {
            return strategies.resolve(name, arg);
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
        }
    }

    private Processor processor(JsonNode n, String at) {
        requireObject(n, at);
        allowOnly(n, at, "name", "purpose", "dataShared", "dpa", "location");
        String dpa = text(n, "dpa", at, null).toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        DpaStatus status;
        try {
            status = DpaStatus.valueOf(dpa);
        } catch (IllegalArgumentException e) {
            throw error(at + ".dpa", "must be one of signed, pending, not_required, missing");
        }
        return new Processor(text(n, "name", at, null), text(n, "purpose", at, null),
                strings(n.path("dataShared"), at + ".dataShared"), status, text(n, "location", at, null));
    }

    private RetentionRule rule(JsonNode n, String at) {
        requireObject(n, at);
        allowOnly(n, at, "name", "table", "action", "after", "countingFrom", "when");
        return new RetentionRule(text(n, "name", at, ""), text(n, "table", at, null),
                action(text(n, "action", at, null), at + ".action"),
                Durations.parse(text(n, "after", at, null), at + ".after"),
                text(n, "countingFrom", at, null),
                n.has("when") ? condition(n.get("when"), at + ".when") : Condition.always());
    }

    private Condition condition(JsonNode n, String at) {
        requireObject(n, at);
        if (n.size() != 1) {
            throw error(at, "must have exactly one of in, isTrue, isFalse, isNull, isNotNull, and, or");
        }
        Map.Entry<String, JsonNode> e = n.fields().next();
        String key = e.getKey();
        JsonNode v = e.getValue();
        String kat = at + "." + key;
        switch (key) {
            case "in" -> {
                requireObject(v, kat);
                if (v.size() != 1) {
                    throw error(kat, "must name one column: {in: {status: [shipped, delivered]}}");
                }
                Map.Entry<String, JsonNode> c = v.fields().next();
                List<Object> values = new ArrayList<>();
                for (JsonNode x : list(c.getValue(), kat + "." + c.getKey())) {
                    values.add(scalar(x, kat + "." + c.getKey()));
                }
                return new Condition.In(c.getKey(), values);
            }
            case "isTrue" -> {
                return Condition.isTrue(columnName(v, kat));
            }
            case "isFalse" -> {
                return Condition.isFalse(columnName(v, kat));
            }
            case "isNull" -> {
                return Condition.isNull(columnName(v, kat));
            }
            case "isNotNull" -> {
                return Condition.isNotNull(columnName(v, kat));
            }
            case "and", "or" -> {
                List<Condition> parts = new ArrayList<>();
                int i = 0;
                for (JsonNode p : list(v, kat)) {
                    parts.add(condition(p, kat + "[" + i++ + "]"));
                }
                if (parts.isEmpty()) {
                    throw error(kat, "must list at least one condition");
                }
                return key.equals("and") ? new Condition.And(parts) : new Condition.Or(parts);
            }
            default -> throw error(kat, "unknown condition; use in, isTrue, isFalse, isNull, isNotNull, and, or");
        }
    }

    private BackupSettings backup(JsonNode n) {
        BackupSettings d = BackupSettings.defaults();
        if (n.isMissingNode()) {
            return d;
        }
        requireObject(n, "backup");
        allowOnly(n, "backup", "enabled", "name", "cadence", "retention", "encrypted", "excludeTables", "compression",
                "schemas", "parallelism");
        return new BackupSettings(
                bool(n, "enabled", "backup", d.enabled()),
                text(n, "name", "backup", d.name()),
                n.has("cadence") ? Durations.parse(n.get("cadence").asText(), "backup.cadence") : d.cadence(),
                n.has("retention") ? Durations.parse(n.get("retention").asText(), "backup.retention") : d.retention(),
                bool(n, "encrypted", "backup", d.encrypted()),
                n.has("excludeTables") ? Set.copyOf(strings(n.get("excludeTables"), "backup.excludeTables")) : d.excludeTables(),
                n.has("compression") ? BackupCompression.fromWireName(text(n, "compression", "backup", null))
                        : d.compression(),
                n.has("schemas") ? Set.copyOf(strings(n.get("schemas"), "backup.schemas")) : d.schemas(),
                n.has("parallelism") ? BackupSettings.parseParallelism(n.get("parallelism").asText(), "backup.parallelism")
                        : d.parallelism());
    }

    private AuditSettings audit(JsonNode n) {
        AuditSettings d = AuditSettings.defaults();
        if (n.isMissingNode()) {
            return d;
        }
        requireObject(n, "audit");
        allowOnly(n, "audit", "table", "retention", "personalFieldsRetention", "personalFields");
        JsonNode r = n.path("retention");
        JsonNode pr = n.path("personalFieldsRetention");
        return new AuditSettings(text(n, "table", "audit", d.table()),
                r.isMissingNode() || r.isNull() || r.asText().equalsIgnoreCase("forever") ? null
                        : Durations.parse(r.asText(), "audit.retention"),
                pr.isMissingNode() || pr.isNull() ? d.personalFieldsRetention()
                        : Durations.parse(pr.asText(), "audit.personalFieldsRetention"),
                n.has("personalFields") ? Set.copyOf(strings(n.get("personalFields"), "audit.personalFields"))
                        : d.personalFields());
    }

    private JobSettings job(JsonNode n) {
        JobSettings d = JobSettings.defaults();
        if (n.isMissingNode()) {
            return d;
        }
        requireObject(n, "job");
        allowOnly(n, "job", "piiDeletionCadence", "skipDeletionWhenBackupFails", "dueGrace", "lockName", "lockAtMostFor");
        return new JobSettings(
                duration(n, "piiDeletionCadence", "job", d.piiDeletionCadence()),
                bool(n, "skipDeletionWhenBackupFails", "job", d.skipDeletionWhenBackupFails()),
                duration(n, "dueGrace", "job", d.dueGrace()),
                text(n, "lockName", "job", d.lockName()),
                duration(n, "lockAtMostFor", "job", d.lockAtMostFor()));
    }

    private static Duration duration(JsonNode n, String key, String at, Duration fallback) {
        return n.has(key) ? Durations.parse(n.get(key).asText(), at + "." + key) : fallback;
    }

    private static RowAction action(String text, String at) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "anonymize", "anonymise" -> RowAction.ANONYMIZE;
            case "delete" -> RowAction.DELETE;
            default -> throw error(at, "must be anonymize or delete, was '" + text + "'");
        };
    }

    private static Object scalar(JsonNode x, String at) {
        if (x.isTextual()) {
            return x.asText();
        }
        if (x.isBoolean()) {
            return x.asBoolean();
        }
        if (x.isIntegralNumber()) {
            return x.canConvertToInt() ? (Object) x.intValue() : (Object) x.longValue();
        }
        if (x.isNumber()) {
            return x.decimalValue();
        }
        throw error(at, "values must be text, numbers or booleans");
    }

    private static String columnName(JsonNode v, String at) {
        if (!v.isTextual() || v.asText().isBlank()) {
            throw error(at, "must name a column");
        }
        return v.asText();
    }

    private static String text(JsonNode n, String key, String at, String fallback) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw error(at.isEmpty() ? key : at + "." + key, "is required");
            }
            return fallback;
        }
        if (!v.isValueNode()) {
            throw error(at + "." + key, "must be a single value");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode n, String key, String at, boolean fallback) {
        JsonNode v = n.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw error(at + "." + key, "must be true or false");
        }
        return v.asBoolean();
    }

    private static List<JsonNode> list(JsonNode n, String at) {
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw error(at, "must be a list");
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    private static List<String> strings(JsonNode n, String at) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : list(n, at)) {
            if (!x.isValueNode() || x.isNull()) {
                throw error(at, "must be a list of names");
            }
            out.add(x.asText());
        }
        return out;
    }

    private static void requireObject(JsonNode n, String at) {
        if (!n.isObject()) {
            throw error(at, "must be a mapping");
        }
    }

    private static void allowOnly(JsonNode n, String at, String... keys) {
        Set<String> allowed = Set.of(keys);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw error(at.isEmpty() ? k : at + "." + k, "unknown key; expected one of " + String.join(", ", keys));
            }
        }
    }

    private static ConfigurationException error(String at, String message) {
        return new ConfigurationException("policy " + at + ": " + message);
    }
}
