package org.compliancekit.jdbc;

import org.compliancekit.jdbc.testing.TestDatabase;

class PostgresDataStoreContractTest extends JdbcDataStoreContractTest {
    PostgresDataStoreContractTest() {
        super(TestDatabase.POSTGRES);
    }
}
