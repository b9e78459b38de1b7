package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.compliancekit.store.ReadView;

/** A read-only transaction holding one snapshot on its own connection. */
final class JdbcReadView extends JdbcReader implements ReadView {
    private boolean closed;

    JdbcReadView(JdbcDataStore store, Connection connection) {
        super(store, connection);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeCursors();
        } finally {
            store.release(connection, true);
        }
    }

    static JdbcReadView open(JdbcDataStore store) {
        Connection c = store.connect();
        try {
            store.dialect().beginSnapshot(c);
            return new JdbcReadView(store, c);
        } catch (SQLException e) {
            store.release(c, true);
            throw SqlFailure.of("opening a consistent read view failed", e);
        }
    }
}
