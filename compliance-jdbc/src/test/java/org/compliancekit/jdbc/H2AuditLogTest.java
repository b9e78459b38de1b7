package org.compliancekit.jdbc;

import org.compliancekit.jdbc.testing.TestDatabase;

class H2AuditLogTest extends AbstractJdbcAuditLogTest {
    H2AuditLogTest() {
        super(TestDatabase.H2);
    }
}
