package org.compliancekit.jdbc;

import java.sql.SQLException;
import org.compliancekit.StorageException;

/**
 * Turns driver exceptions into {@link StorageException}s. Driver messages often quote the offending values
 * ("Duplicate entry 'alice@example.com'", PostgreSQL's "Detail: Failing row contains (...)"), so the message names
 * only what failed and the SQLState, and the cause attached for whoever debugs it is a scrubbed copy of the driver's
 * exception: its stack trace, SQLState and vendor code, and the first line of its message without quoted values.
 */
final class SqlFailure {
    private SqlFailure() {
    }

    static StorageException of(String what, SQLException e) {
        return new StorageException(what + " (SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode() + ")",
                scrubbed(e));
    }

    /** A copy of {@code e} that keeps where and why it failed but no value the driver quoted. */
    static SQLException scrubbed(SQLException e) {
        SQLException copy = new SQLException(e.getClass().getName() + ": " + scrub(e.getMessage()), e.getSQLState(),
                e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /**
     * The first line of a driver message, cut before the parts that carry values (PostgreSQL's detail, H2's
     * {@code VALUES}, a statement's text) and with single-quoted literals (MariaDB's values) replaced by {@code '…'}.
     */
    static String scrub(String message) {
        if (message == null) {
            return "";
        }
        String first = message.strip().lines().findFirst().orElse("");
        for (String marker : new String[] {"Detail:", "Failing row contains", " VALUES", "; SQL statement", "Key ("}) {
            int at = first.indexOf(marker);
            if (at >= 0) {
                first = first.substring(0, at);
            }
        }
        return first.replaceAll("'(?:[^'\\\\]|''|\\\\.)*'?", "'…'").strip();
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
