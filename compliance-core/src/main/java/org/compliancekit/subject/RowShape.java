package org.compliancekit.subject;

import java.util.ArrayList;
import java.util.List;
import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.TableSchema;

/**
 * Where a cursor's rows hold their primary key and erased fields: cursors may order columns as they like, so
 * positions are looked up once per cursor by name.
 */
final class RowShape {
    private final int[] key;
    private final int[] fields;
    private final List<PiiField> erased;

    private RowShape(int[] key, int[] fields, List<PiiField> erased) {
        this.key = key;
        this.fields = fields;
        this.erased = erased;
    }

    /** The shape of {@code columns} of table {@code mapping.table()}, with the mapping's erased fields. */
    static RowShape of(SchemaDescription schema, TableMapping mapping, List<String> columns) {
        TableSchema t = schema.require(mapping.table());
        List<String> pk = mapping.primaryKey().isEmpty() ? t.primaryKey() : mapping.primaryKey();
        if (pk.isEmpty()) {
            throw new ConfigurationException("table " + t.name() + " has no primary key; erasure needs one to name "
                    + "rows: add a primary key or set primaryKey for the table in the map");
        }
        List<PiiField> erased = mapping.erasedFields();
        int[] key = pk.stream().mapToInt(c -> index(t, columns, c)).toArray();
        int[] fields = erased.stream().mapToInt(f -> index(t, columns, f.column())).toArray();
        return new RowShape(key, fields, erased);
    }

    RowKey key(Object[] row) {
        List<Object> values = new ArrayList<>(key.length);
        for (int i : key) {
            values.add(row[i]);
        }
        return new RowKey(values);
    }

    /** Whether some erased field of {@code row} is not yet in its erased form. */
    boolean pending(Object[] row) {
        for (int i = 0; i < fields.length; i++) {
            if (!erased.get(i).strategy().erasedForm().matches(row[fields[i]])) {
                return true;
            }
        }
        return false;
    }

    private static int index(TableSchema t, List<String> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equals(column)) {
                return i;
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new ConfigurationException("column " + t.name() + "." + column + " is not among the columns the store "
                + "returned for the table; check the map against the schema");
    }
}
