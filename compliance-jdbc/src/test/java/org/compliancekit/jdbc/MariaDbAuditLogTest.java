package org.compliancekit.jdbc;

import org.compliancekit.jdbc.testing.TestDatabase;

class MariaDbAuditLogTest extends AbstractJdbcAuditLogTest {
    MariaDbAuditLogTest() {
        super(TestDatabase.MARIADB);
    }
}
