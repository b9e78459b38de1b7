package org.compliancekit.pii;

/** What happens to a whole row when it is erased or expires. */
public enum RowAction {
    /** Apply each field's strategy and keep the row, so foreign keys and totals stay valid. */
    ANONYMIZE,
    /** Remove the row. */
    DELETE
}
