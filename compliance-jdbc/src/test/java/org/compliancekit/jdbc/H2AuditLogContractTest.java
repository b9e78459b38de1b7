package org.compliancekit.jdbc;

import org.compliancekit.jdbc.testing.TestDatabase;

class H2AuditLogContractTest extends AbstractJdbcAuditLogContractTest {
    H2AuditLogContractTest() {
        super(TestDatabase.H2);
    }
}
