package org.compliancekit.jdbc;

import java.sql.SQLException;
import org.compliancekit.StorageException;

/**
 * Turns driver exceptions into {@link StorageException}s. Driver messages often quote the offending values
 * ("Duplicate entry 'alice@example.com'"), so the message names only what failed and the SQLState; the driver's
 * exception stays attached as the cause for whoever debugs it.
 */
final class SqlFailure {
    private SqlFailure() {
    }

    static StorageException of(String what, SQLException e) {
        return new StorageException(what + " (SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode() + ")", e);
    }

    /** Whether {@code e} reports an integrity constraint violation (SQLState class 23). */
    static boolean isConstraintViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && state.startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
