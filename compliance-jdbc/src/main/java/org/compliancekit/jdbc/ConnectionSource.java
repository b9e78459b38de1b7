package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where a {@link JdbcDataStore} gets its connections, and which of them belong to a transaction the host
 * application already runs. Plug one in to let the store work inside the application's own transaction, e.g. to
 * erase a data subject inside a Spring {@code @Transactional} method together with the application's own writes.
 *
 * <p>On a connection for which {@link #isHostTransaction} is true the store <em>joins</em> the host's transaction:
 * it never commits, rolls back, changes auto-commit, isolation or read-only mode, and never closes the connection
 * (it gives it back through {@link #releaseConnection}). Its writes become visible when the host commits and vanish
 * when the host rolls back. A unit of work that fails inside the host's transaction is undone to a savepoint the
 * store set before it, so the host's transaction stays usable (PostgreSQL would otherwise refuse every further
 * statement) and the host decides whether to commit the rest. A read view on a joined connection sees what the
 * host's transaction sees, at the host's isolation level. A restore always needs its own transaction and refuses to
 * run inside the host's.
 *
 * <p>On any other connection the store runs its own short transactions, as with a plain {@link DataSource}.
 *
 * <p>Wiring Spring's transaction management takes its {@code DataSourceUtils}:
 * <pre>{@code
 * ConnectionSource spring = new ConnectionSource() {
 *     public Connection getConnection() { return DataSourceUtils.getConnection(dataSource); }
 *     public void releaseConnection(Connection c) { DataSourceUtils.releaseConnection(c, dataSource); }
 *     public boolean isHostTransaction(Connection c) { return DataSourceUtils.isConnectionTransactional(c, dataSource); }
 * };
 * JdbcDataStore store = JdbcDataStore.builder(dataSource).withConnectionSource(spring).build();
 * }</pre>
 * or, for a {@code TransactionAwareDataSourceProxy} (or any data source handing out the connection of the running
 * transaction), {@link #transactionAware(DataSource)}.
 *
 * <p>The audit log, job lock and legal hold always use connections of their own: an audit event is recorded even
 * when the host rolls its transaction back.
 */
public interface ConnectionSource {

    /** A connection: the host transaction's own, or a new one. */
    Connection getConnection() throws SQLException;

    /** Gives back a connection obtained from {@link #getConnection()}; by default closes it. */
    default void releaseConnection(Connection connection) throws SQLException {
        connection.close();
    }

    /**
     * True when {@code connection} belongs to a transaction the host opened and will end itself; asked once, right
     * after {@link #getConnection()}. By default false: the store runs its own transactions.
     */
    default boolean isHostTransaction(Connection connection) throws SQLException {
        return false;
    }

    /** Connections from {@code dataSource}, each used in the store's own transactions (the default). */
    static ConnectionSource of(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return dataSource::getConnection;
    }

    /**
     * Connections from a transaction-aware {@code dataSource} (Spring's {@code TransactionAwareDataSourceProxy}, a
     * JTA data source): a connection handed out with auto-commit off belongs to the host's running transaction and is
     * joined; closing it is left to the data source, which keeps a transactional connection open until the host ends
     * its transaction. Use it only when the data source hands out auto-commit connections outside a transaction
     * (a pool configured with {@code autoCommit=false} would make every connection look like the host's).
     */
    static ConnectionSource transactionAware(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new ConnectionSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public boolean isHostTransaction(Connection connection) throws SQLException {
                return !connection.getAutoCommit();
            }
        };
    }
}
