package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.UnaryOperator;
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

    @Override
    protected void editStoredPersonal(long sequence, UnaryOperator<String> edit) {
        try (Connection c = db.dataSource().getConnection()) {
            String current;
            try (PreparedStatement ps = c.prepareStatement("SELECT personal FROM " + table + " WHERE seq = ?")) {
                ps.setLong(1, sequence);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no record " + sequence + " in " + table);
                    }
                    current = rs.getString(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET personal = ? WHERE seq = ?")) {
                ps.setString(1, edit.apply(current));
                ps.setLong(2, sequence);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }
}
