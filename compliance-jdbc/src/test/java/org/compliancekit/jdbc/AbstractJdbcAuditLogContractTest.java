package org.compliancekit.jdbc;

import java.time.Clock;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditRedactor;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.tck.AuditLogContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The audit log contract on one real database; each database's test is a constructor call. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJdbcAuditLogContractTest extends AuditLogContractTest {

    private final AuditTestTables db;
    private String table;

    AbstractJdbcAuditLogContractTest(TestDatabase kind) {
        this.db = new AuditTestTables(kind);
    }

    @Override
    protected AuditLog create(Clock clock, CheckpointSigner signer, AuditRedactor redactor) {
        table = AuditTestTables.newTable();
        return JdbcAuditLog.builder(db.dataSource()).withTable(table).withSigner(signer).withClock(clock)
                .withRedactor(redactor).withAutoCreate(true).build();
    }

    @Override
    protected String storedContent() {
        return db.dump(table, table + "_head", table + "_checkpoint");
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }
}
