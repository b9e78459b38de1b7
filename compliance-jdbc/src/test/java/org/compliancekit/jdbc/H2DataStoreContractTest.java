package org.compliancekit.jdbc;

import org.compliancekit.jdbc.testing.TestDatabase;

class H2DataStoreContractTest extends JdbcDataStoreContractTest {
    H2DataStoreContractTest() {
        super(TestDatabase.H2);
    }
}
