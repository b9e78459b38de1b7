package org.compliancekit.jdbc;

import org.compliancekit.jdbc.testing.TestDatabase;

class PostgresAuditLogTest extends AbstractJdbcAuditLogTest {
    PostgresAuditLogTest() {
        super(TestDatabase.POSTGRES);
    }
}
