package org.compliancekit.store;

import java.util.Objects;

/**
 * One column as the data store describes it.
 *
 * @param name column name as the database spells it
 * @param type portable type
 * @param nativeType the database's own type name, e.g. {@code numeric(38,10)}, {@code jsonb}, {@code mood}
 * @param nullable whether NULL is allowed
 * @param size maximum length for text and binary, precision for decimals; 0 when unbounded or unknown
 * @param scale digits after the decimal point for DECIMAL, else 0
 * @param elementType for ARRAY, the element type; {@code null} otherwise
 * @param autoIncrement whether the database generates values (identity, serial, AUTO_INCREMENT)
 */
public record ColumnSchema(
        String name,
        SqlType type,
        String nativeType,
        boolean nullable,
        int size,
        int scale,
        SqlType elementType,
        boolean autoIncrement) {

    public ColumnSchema {
        Objects.requireNonNull(name, "column name");
        Objects.requireNonNull(type, () -> "type of column " + name);
        nativeType = nativeType == null ? type.name().toLowerCase(java.util.Locale.ROOT) : nativeType;
        if (type == SqlType.ARRAY && elementType == null) {
            throw new IllegalArgumentException("array column " + name + " needs an element type");
        }
    }

    /** A column with only the essentials; size 0 (unbounded), not generated. */
    public static ColumnSchema of(String name, SqlType type, boolean nullable) {
        return new ColumnSchema(name, type, null, nullable, 0, 0, null, false);
    }

    /** A text column of at most {@code size} characters. */
    public static ColumnSchema text(String name, int size, boolean nullable) {
        return new ColumnSchema(name, SqlType.TEXT, null, nullable, size, 0, null, false);
    }
}
