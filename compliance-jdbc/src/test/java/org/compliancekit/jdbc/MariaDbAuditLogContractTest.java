package org.compliancekit.jdbc;

import org.compliancekit.jdbc.testing.TestDatabase;

class MariaDbAuditLogContractTest extends AbstractJdbcAuditLogContractTest {
    MariaDbAuditLogContractTest() {
        super(TestDatabase.MARIADB);
    }
}
