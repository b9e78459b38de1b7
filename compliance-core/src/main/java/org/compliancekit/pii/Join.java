package org.compliancekit.pii;

/**
 * One hop of a subject path: {@code fromColumn} of the current table equals {@code toColumn} of {@code toTable}.
 *
 * @param fromColumn column of the table the hop starts from
 * @param toTable the table the hop leads to
 * @param toColumn the column of {@code toTable} that {@code fromColumn} refers to (usually its primary key)
 */
public record Join(String fromColumn, String toTable, String toColumn) {
    public Join {
        Names.require(fromColumn, "join column");
        Names.require(toTable, "join target table");
        Names.require(toColumn, "join target column");
    }

    /** Shorthand for {@code new Join(fromColumn, toTable, toColumn)}. */
    public static Join to(String fromColumn, String toTable, String toColumn) {
        return new Join(fromColumn, toTable, toColumn);
    }

    @Override
    public String toString() {
        return fromColumn + " → " + toTable + "." + toColumn;
    }
}
