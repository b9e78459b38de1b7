package org.compliancekit.jdbc;

import org.compliancekit.jdbc.testing.TestDatabase;

class PostgresDataStoreContractTest extends JdbcDataStoreContractTest {
    PostgresDataStoreContractTest() {
        super(TestDatabase.POSTGRES);
    }

    @Override
    protected boolean sharesSnapshots() {
        return true; // pg_export_snapshot() and SET TRANSACTION SNAPSHOT
    }
}
