package org.compliancekit.jdbc;

import org.compliancekit.jdbc.testing.TestDatabase;

class PostgresAuditLogContractTest extends AbstractJdbcAuditLogContractTest {
    PostgresAuditLogContractTest() {
        super(TestDatabase.POSTGRES);
    }
}
