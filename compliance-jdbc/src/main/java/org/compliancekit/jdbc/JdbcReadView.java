package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.compliancekit.store.ReadView;

/**
 * A read-only transaction holding one snapshot on its own connection; or, on a connection joined to the host's
 * transaction, reads inside that transaction as it stands, leaving its settings alone.
 */
final class JdbcReadView extends JdbcReader implements ReadView {
    private final boolean joined;
    private boolean closed;

    JdbcReadView(JdbcDataStore store, Connection connection, boolean joined) {
        super(store, connection);
        this.joined = joined;
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
            if (joined) {
                store.giveBack(connection, null);
            } else {
                store.release(connection, true);
            }
        }
    }

    static JdbcReadView open(JdbcDataStore store) {
        JdbcDataStore.Lease lease = store.lease();
        Connection c = lease.connection();
        if (lease.joined()) {
            return new JdbcReadView(store, c, true);
        }
        try {
            store.dialect().beginSnapshot(c);
            return new JdbcReadView(store, c, false);
        } catch (SQLException e) {
            store.release(c, true);
            throw SqlFailure.of("opening a consistent read view failed", e);
        }
    }
}
