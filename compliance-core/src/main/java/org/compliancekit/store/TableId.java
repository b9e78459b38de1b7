package org.compliancekit.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which table a {@link TableSchema#name()} stands for when a data store holds tables of several schemas. The
 * name of a table in the store's default schema is the table's own name, so names written before schemas were
 * supported keep their meaning; a table of another schema is named {@code "schema"."table"}, each part in double
 * quotes with a double quote inside it doubled. A default-schema table whose own name starts with a double quote
 * is written quoted too ({@code """x"} for {@code "x}), so no two tables ever share a name.
 *
 * @param schema the schema, database on MariaDB/MySQL, or {@code null} for the store's default one
 * @param table the table's name as the database spells it
 */
public record TableId(String schema, String table) {
    public TableId {
        Objects.requireNonNull(table, "table");
        if (table.isEmpty() || (schema != null && schema.isEmpty())) {
            throw new IllegalArgumentException("a table and its schema need a name, was " + schema + "." + table);
        }
    }

    /** The name a data store gives the table: see the type's description. */
    public String id() {
        if (schema == null) {
            return table.startsWith("\"") ? quote(table) : table;
        }
        return quote(schema) + "." + quote(table);
    }

    /** Whether the table lies in the store's default schema. */
    public boolean inDefaultSchema() {
        return schema == null;
    }

    /** The schema-qualified name as a person writes it, {@code schema.table}, or the bare name. */
    public String display() {
        return schema == null ? table : schema + "." + table;
    }

    /**
     * The table an {@link #id()} names. A name not starting with a double quote is a default-schema table of
     * exactly that name.
     *
     * @throws IllegalArgumentException when a quoted name is not one or two quoted parts joined by {@code .}
     */
    public static TableId parse(String id) {
        Objects.requireNonNull(id, "table name");
        if (!id.startsWith("\"")) {
            return new TableId(null, id);
        }
        List<String> parts = new ArrayList<>(2);
        int i = 0;
        while (true) {
            if (i >= id.length() || id.charAt(i) != '"') {
                throw malformed(id);
            }
            StringBuilder part = new StringBuilder();
            i++;
            while (true) {
                if (i >= id.length()) {
                    throw malformed(id);
                }
                char c = id.charAt(i++);
                if (c == '"') {
                    if (i < id.length() && id.charAt(i) == '"') {
                        part.append('"');
                        i++;
                    } else {
                        break;
                    }
                } else {
                    part.append(c);
                }
            }
            parts.add(part.toString());
            if (i == id.length()) {
                break;
            }
            if (id.charAt(i) != '.' || parts.size() == 2) {
                throw malformed(id);
            }
            i++;
        }
        return parts.size() == 1 ? new TableId(null, parts.get(0)) : new TableId(parts.get(0), parts.get(1));
    }

    private static IllegalArgumentException malformed(String id) {
        return new IllegalArgumentException("table name " + id + " starts with a double quote but is not "
                + "\"schema\".\"table\" or \"table\" with inner quotes doubled");
    }

    private static String quote(String part) {
        return "\"" + part.replace("\"", "\"\"") + "\"";
    }
}
