package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.compliancekit.store.ReadView;

/**
 * A read-only transaction holding one snapshot on its own connection; or, on a connection joined to the host's
 * transaction, reads inside that transaction as it stands, leaving its settings alone. On PostgreSQL a view of its
 * own hands out siblings: further connections whose transactions import its exported snapshot.
 */
final class JdbcReadView extends JdbcReader implements ReadView {
    private final boolean joined;
    private boolean closed;
    private boolean exported;
    private String snapshotId;

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

    @Override
    public Optional<ReadView> openSibling() {
        if (joined) {
            return Optional.empty(); // the host's transaction is the host's: no second connection can share it
        }
        if (!exported) {
            exported = true;
            try {
                snapshotId = dialect.exportSnapshot(connection);
            } catch (SQLException e) {
                throw SqlFailure.of("exporting the read view's snapshot failed", e);
            }
        }
        if (snapshotId == null) {
            return Optional.empty();
        }
        JdbcDataStore.Lease lease = store.lease();
        Connection c = lease.connection();
        if (lease.joined()) {
            store.giveBack(c, null);
            return Optional.empty();
        }
        try {
            dialect.importSnapshot(c, snapshotId);
            return Optional.of(new JdbcReadView(store, c, false));
        } catch (SQLException | RuntimeException e) {
            store.release(c, true);
            throw e instanceof SQLException sql ? SqlFailure.of("opening a view on the exported snapshot failed", sql)
                    : (RuntimeException) e;
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
