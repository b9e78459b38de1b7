package org.compliancekit.subject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.IdentityColumn;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.StoreReader;
import org.compliancekit.store.SubjectValues;
import org.compliancekit.store.TableSchema;

/**
 * A request's identities resolved to subjects: the ids found through the tables that hold an identity beside the
 * id link, and every identity those subjects have there (a subject with two email addresses is searched by both).
 * Rows are then found by every id in tables linked by id and by every email address in tables linked by email.
 *
 * @param ids the subject ids, canonical text; more than one means the request is ambiguous
 * @param identities every identity value known per identity name ({@code id}, {@code email}, ...)
 */
record SubjectResolution(List<String> ids, Map<String, Set<String>> identities) {

    boolean ambiguous() {
        return ids.size() > 1;
    }

    /** The email addresses known, one per address under the email rule. */
    List<String> emails() {
        Map<String, String> byKey = new LinkedHashMap<>();
        identities.getOrDefault(SubjectRef.EMAIL, Set.of()).forEach(e -> byKey.putIfAbsent(SubjectValues.emailKey(e), e));
        return List.copyOf(byKey.values());
    }

    /** Checks the request's values against the map and the schema; a value no column could hold is a usage error. */
    static void check(SubjectRef request, PiiMap map, SchemaDescription schema) {
        for (Map.Entry<String, String> e : request.identities().entrySet()) {
            String name = e.getKey();
            if (name.equals(SubjectRef.ID)) {
                for (TableMapping m : SubjectScope.linkedTables(map)) {
                    if (m.subjectLink().terminal() instanceof SubjectLink.ById id) {
                        requireForm(e.getValue(), "id", terminalTable(schema, m), id.column());
                    }
                }
            } else if (!name.equals(SubjectRef.EMAIL) || noEmailLink(map)) {
                List<TableMapping> holders = holders(map, name);
                if (holders.isEmpty()) {
                    throw new ConfigurationException("the request names the subject by " + name + ", but no table "
                            + "of the map declares that identity (or links subjects by it): declare it under "
                            + "'identities' of a table linked by id, e.g. identities: {" + name + ": column}");
                }
                if (!name.equals(SubjectRef.EMAIL)) {
                    for (TableMapping m : holders) {
                        requireForm(e.getValue(), name, schema.require(m.table()), column(m, name));
                    }
                }
            }
        }
    }

    private static void requireForm(String value, String name, TableSchema table, String column) {
        ColumnSchema c = table.column(column).orElseThrow(() -> new ConfigurationException(
                "column " + table.name() + "." + column + " does not exist; validate the policy against the schema"));
        if (SubjectValues.idValue(value, c.type()) == null) {
            // The value itself is not shown: a mistyped id may be personal data of someone else.
            throw new ConfigurationException("the subject " + name + " given is not in the form column " + table.name()
                    + "." + c.name() + " (" + c.nativeType() + ") holds: expected " + SubjectValues.expectedForm(c.type()));
        }
    }

    /** Resolves {@code request} through the tables that hold both an identity and the id link. */
    static SubjectResolution resolve(StoreReader reader, PiiMap map, SchemaDescription schema, SubjectRef request) {
        Set<String> ids = new LinkedHashSet<>();
        Map<String, Set<String>> identities = new LinkedHashMap<>();
        request.identities().forEach((k, v) -> identities.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
        request.id().ifPresent(ids::add);
        for (Map.Entry<String, String> e : request.identities().entrySet()) {
            if (e.getKey().equals(SubjectRef.ID)) {
                continue;
            }
            for (TableMapping m : holders(map, e.getKey())) {
                if (!(m.subjectLink() instanceof SubjectLink.ById link)) {
                    continue;
                }
                TableMapping byIdentity = lookup(m, e.getKey());
                SubjectRef ref = e.getKey().equals(SubjectRef.EMAIL) ? SubjectRef.ofEmail(e.getValue())
                        : SubjectRef.ofId(e.getValue());
                rows(reader, byIdentity, ref, (cols, r) -> {
                    Object id = r[index(cols, link.column())];
                    if (id != null) {
                        ids.add(SubjectValues.idText(id));
                    }
                });
            }
        }
        // The subjects' other identities: a request by id or by one address also reaches the other addresses.
        for (String id : ids) {
            for (TableMapping m : map.tables()) {
                if (m.identities().isEmpty() || !(m.subjectLink() instanceof SubjectLink.ById)) {
                    continue;
                }
                rows(reader, m, SubjectRef.ofId(id), (cols, r) -> {
                    for (IdentityColumn ic : m.identities()) {
                        Object v = r[index(cols, ic.column())];
                        if (v != null && !v.toString().isBlank()) {
                            identities.computeIfAbsent(ic.identity(), x -> new LinkedHashSet<>()).add(v.toString());
                        }
                    }
                });
            }
        }
        if (!ids.isEmpty()) {
            identities.computeIfAbsent(SubjectRef.ID, x -> new LinkedHashSet<>()).addAll(ids);
        }
        return new SubjectResolution(List.copyOf(ids), identities);
    }

    /**
     * Every row of {@code m} that belongs to the resolved subject: found by each id when the table links by id, by
     * each email address when it links by email; a row found twice is given once. Empty with a reason when the
     * resolution knows no value the table links by.
     */
    Optional<String> forEachRow(StoreReader reader, TableMapping m, SchemaDescription schema, RowVisitor visitor) {
        boolean email = m.subjectLink().terminal() instanceof SubjectLink.ByEmail;
        List<SubjectRef> refs = email ? emails().stream().map(SubjectRef::ofEmail).toList()
                : ids.stream().map(SubjectRef::ofId).toList();
        if (refs.isEmpty()) {
            return Optional.of(email ? "the table links subjects by email address and no address of the subject is known"
                    : "the table links subjects by id and the request resolved to no subject id");
        }
        TableSchema t = schema.require(m.table());
        List<String> pk = m.primaryKey().isEmpty() ? t.primaryKey() : m.primaryKey();
        Set<List<Object>> seen = new java.util.HashSet<>();
        for (SubjectRef ref : refs) {
            rows(reader, m, ref, (cols, r) -> {
                // Found by one value only, a row needs no check; by several, its key says whether it was seen.
                if (refs.size() == 1 || pk.isEmpty() || seen.add(pk.stream().map(c -> r[index(cols, c)]).toList())) {
                    visitor.row(cols, r);
                }
            });
        }
        return Optional.empty();
    }

    /** Receives one row and the cursor's column names. */
    interface RowVisitor {
        void row(List<String> columns, Object[] row);
    }

    private static void rows(StoreReader reader, TableMapping m, SubjectRef ref, RowVisitor visitor) {
        try (RowCursor c = reader.subjectRows(m, ref)) {
            List<String> cols = c.columns();
            for (Object[] r = c.next(); r != null; r = c.next()) {
                visitor.row(cols, r);
            }
        }
    }

    /** The same table, linked by the identity's column instead, so the store finds rows by that identity. */
    private static TableMapping lookup(TableMapping m, String identity) {
        String column = column(m, identity);
        return TableMapping.builder(m.table()).primaryKey(m.primaryKey().toArray(String[]::new))
                .subject(identity.equals(SubjectRef.EMAIL) ? SubjectLink.email(column) : SubjectLink.id(column)).build();
    }

    private static String column(TableMapping m, String identity) {
        return m.identities().stream().filter(i -> i.identity().equals(identity)).findFirst().orElseThrow().column();
    }

    /** The tables declaring {@code identity} beside an id link. */
    private static List<TableMapping> holders(PiiMap map, String identity) {
        List<TableMapping> out = new ArrayList<>();
        for (TableMapping m : map.tables()) {
            if (m.identities().stream().anyMatch(i -> i.identity().equals(identity))) {
                out.add(m);
            }
        }
        return out;
    }

    private static boolean noEmailLink(PiiMap map) {
        return SubjectScope.linkedTables(map).stream().noneMatch(m -> m.subjectLink().terminal() instanceof SubjectLink.ByEmail);
    }

    private static TableSchema terminalTable(SchemaDescription schema, TableMapping m) {
        return schema.require(m.subjectLink() instanceof SubjectLink.ViaPath p ? p.lastTable() : m.table());
    }

    static int index(List<String> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new ConfigurationException("column " + column + " is not among the columns the store returned; "
                + "check the map against the schema");
    }
}
