package org.compliancekit.jdbc;

import org.compliancekit.jdbc.testing.TestDatabase;

class MariaDbDataStoreContractTest extends JdbcDataStoreContractTest {
    MariaDbDataStoreContractTest() {
        super(TestDatabase.MARIADB);
    }
}
