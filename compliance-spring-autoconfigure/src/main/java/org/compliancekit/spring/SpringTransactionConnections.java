package org.compliancekit.spring;

import java.sql.Connection;
import javax.sql.DataSource;
import org.compliancekit.jdbc.ConnectionSource;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The data store's connections through Spring's transaction management: inside a {@code @Transactional} method the
 * store joins that transaction (its erasure commits or rolls back with the application's own writes), outside one
 * it runs its own short transactions. The audit log keeps its own connections, so an audit event survives a
 * rollback.
 */
final class SpringTransactionConnections implements ConnectionSource {
    private final DataSource dataSource;

    SpringTransactionConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() {
        return DataSourceUtils.getConnection(dataSource);
    }

    @Override
    public void releaseConnection(Connection connection) {
        DataSourceUtils.releaseConnection(connection, dataSource);
    }

    @Override
    public boolean isHostTransaction(Connection connection) {
        return DataSourceUtils.isConnectionTransactional(connection, dataSource);
    }
}
