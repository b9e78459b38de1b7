package org.compliancekit.backup;

import java.util.Objects;

/**
 * A table an operation could not handle, and why; the error never quotes row content.
 *
 * @param table the table
 * @param error what went wrong and what to do
 */
public record TableFailure(String table, String error) {
    public TableFailure {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(error, "error");
    }
}
