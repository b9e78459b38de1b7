package org.compliancekit.store;

/**
 * The portable column types Compliance Kit understands, and the Java type each value has in a row.
 * Stores map their native types onto these; {@link ColumnSchema#nativeType()} keeps the original.
 *
 * <table>
 * <caption>Java representation of values</caption>
 * <tr><th>type</th><th>Java value</th></tr>
 * <tr><td>SMALLINT, INTEGER, BIGINT</td><td>Short, Integer, Long (any Number accepted on write)</td></tr>
 * <tr><td>DECIMAL</td><td>BigDecimal</td></tr>
 * <tr><td>REAL, DOUBLE</td><td>Float, Double (NaN and infinities included)</td></tr>
 * <tr><td>BOOLEAN</td><td>Boolean</td></tr>
 * <tr><td>TEXT</td><td>String</td></tr>
 * <tr><td>DATE, TIME, TIMESTAMP</td><td>LocalDate, LocalTime, LocalDateTime</td></tr>
 * <tr><td>TIMESTAMP_TZ</td><td>OffsetDateTime</td></tr>
 * <tr><td>UUID</td><td>java.util.UUID</td></tr>
 * <tr><td>BINARY</td><td>byte[]</td></tr>
 * <tr><td>JSON</td><td>String holding the JSON text</td></tr>
 * <tr><td>ARRAY</td><td>java.util.List of the element type's values</td></tr>
 * <tr><td>OTHER</td><td>String (enums, domains over text, intervals, ...)</td></tr>
 * </table>
 */
public enum SqlType {
    SMALLINT,
    INTEGER,
    BIGINT,
    DECIMAL,
    REAL,
    DOUBLE,
    BOOLEAN,
    TEXT,
    DATE,
    TIME,
    TIMESTAMP,
    TIMESTAMP_TZ,
    UUID,
    BINARY,
    JSON,
    ARRAY,
    OTHER;

    /** Whether a REDACT text or HASH output can be stored in a column of this type. */
    public boolean isText() {
        return this == TEXT;
    }

    /** Whether a retention period can count from a column of this type. */
    public boolean isTemporal() {
        return this == DATE || this == TIMESTAMP || this == TIMESTAMP_TZ;
    }
}
