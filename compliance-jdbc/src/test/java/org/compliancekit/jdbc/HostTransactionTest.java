package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.Condition;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.ExpiredPage;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.RowKey;
import org.compliancekit.subject.ErasureReceipt;
import org.compliancekit.subject.SubjectRights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store inside a transaction the application opened on a plain JDBC connection: erasure joins it, so the
 * application's rollback undoes the erasure and its commit keeps it; the store never ends, reconfigures or closes
 * the application's connection.
 */
class HostTransactionTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final PiiMap MAP = PiiMap.builder()
            .table("contacts", t -> t.primaryKey("id").subjectId("id").field("email", Strategy.nulled()))
            .build();

    /** The application's connection while its transaction is open, a fresh one otherwise. */
    private static final class ApplicationConnections implements ConnectionSource {
        private final javax.sql.DataSource dataSource;
        private Connection open;
        private int released;

        ApplicationConnections(javax.sql.DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return open != null ? open : dataSource.getConnection();
        }

        @Override
        public void releaseConnection(Connection connection) throws SQLException {
            if (connection == open) {
                released++;
            } else {
                connection.close();
            }
        }

        @Override
        public boolean isHostTransaction(Connection connection) {
            return connection == open;
        }
    }

    private interface ApplicationWork {
        void run(Connection app, JdbcDataStore store, ApplicationConnections connections) throws SQLException;
    }

    /** Creates the contacts table, opens the application's transaction and runs {@code work} in it. */
    private static void inApplicationTransaction(TestDatabase.Fresh db, boolean autoCommit, ApplicationWork work)
            throws SQLException {
        createContacts(db);
        ApplicationConnections connections = new ApplicationConnections(db.dataSource());
        JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).withConnectionSource(connections).build();
        try (Connection app = db.dataSource().getConnection()) {
            app.setAutoCommit(autoCommit);
            connections.open = app;
            work.run(app, store, connections);
            connections.open = null;
        }
    }

    private static SubjectRights rights(DataStore store) {
        return SubjectRights.builder(store, MAP, InMemoryAuditLog.builder(CLOCK).build()).withClock(CLOCK).build();
    }

    private static void createContacts(TestDatabase.Fresh db) {
        db.execute("CREATE TABLE contacts (id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(200))",
                "INSERT INTO contacts VALUES (1, 'ann@example.com')",
                "INSERT INTO contacts VALUES (2, 'bob@example.com')");
    }

    private static String email(TestDatabase.Fresh db, long id) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT email FROM contacts WHERE id = " + id)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A retention batch that meets a held row must not undo what the application did before it in its transaction. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRetentionBatchMeetingAHeldRowInsideTheApplicationsTransactionKeepsTheApplicationsWork(TestDatabase kind)
            throws SQLException {
        try (TestDatabase.Fresh db = kind.fresh()) {
            db.execute("CREATE TABLE visits (id BIGINT NOT NULL PRIMARY KEY, ip VARCHAR(60), seen TIMESTAMP)",
                    "INSERT INTO visits VALUES (1, '10.0.0.1', TIMESTAMP '2024-01-01 00:00:00')",
                    "INSERT INTO visits VALUES (2, '10.0.0.2', TIMESTAMP '2024-01-01 00:00:00')");
            TableMapping visits = TableMapping.builder("visits").field("ip", Strategy.nulled()).build();
            ExpiryQuery q = new ExpiryQuery("visits", "seen", Instant.parse("2025-01-01T00:00:00Z"), Condition.always(),
                    visits.erasedFields(), null, null, 10);
            inApplicationTransaction(db, false, (app, store, connections) -> {
                try (Statement s = app.createStatement()) {
                    s.executeUpdate("UPDATE contacts SET email = 'ann@example.org' WHERE id = 1");
                }
                ExpiredPage page = store.inTransaction(tx -> tx.expire(q, RowAction.ANONYMIZE, visits,
                        ErasureContext.none(), rows -> Set.of(RowKey.of(2L))));
                assertThat(page).isEqualTo(new ExpiredPage(2, 1, 1, RowKey.of(2L)));
                app.commit();
            });
            assertThat(email(db, 1)).isEqualTo("ann@example.org");
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT ip FROM visits ORDER BY id")) {
                rs.next();
                assertThat(rs.getString(1)).isNull();
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("10.0.0.2");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anErasureInsideTheApplicationsTransactionIsUndoneByItsRollback(TestDatabase kind) throws SQLException {
        try (TestDatabase.Fresh db = kind.fresh()) {
            inApplicationTransaction(db, false, (app, store, connections) -> {
                try (Statement s = app.createStatement()) {
                    s.executeUpdate("UPDATE contacts SET email = 'ann@example.org' WHERE id = 1");
                }

                ErasureReceipt receipt = rights(store).erase(SubjectRef.ofId(1L), "support");

                assertThat(receipt.totalChanged()).isEqualTo(1);
                assertThat(app.isClosed()).isFalse();
                assertThat(app.getAutoCommit()).isFalse();
                assertThat(connections.released).isPositive();
                app.rollback();
            });
            assertThat(email(db, 1)).isEqualTo("ann@example.com");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anErasureInsideTheApplicationsTransactionIsKeptByItsCommit(TestDatabase kind) throws SQLException {
        try (TestDatabase.Fresh db = kind.fresh()) {
            inApplicationTransaction(db, false, (app, store, connections) -> {
                rights(store).erase(SubjectRef.ofId(1L), "support");

                // not committed yet: another connection still sees the old value
                assertThat(email(db, 1)).isEqualTo("ann@example.com");
                app.commit();
            });
            assertThat(email(db, 1)).isNull();
            assertThat(email(db, 2)).isEqualTo("bob@example.com");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theKitsSubjectRightsJoinTheApplicationsTransaction(TestDatabase kind) throws SQLException {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createContacts(db);
            ApplicationConnections connections = new ApplicationConnections(db.dataSource());
            org.compliancekit.kit.ComplianceKit kit = JdbcComplianceKit.builder(db.dataSource(),
                    org.compliancekit.policy.CompliancePolicy.of(MAP), connections).withClock(CLOCK).build();
            try (Connection app = db.dataSource().getConnection()) {
                app.setAutoCommit(false);
                connections.open = app;
                kit.subjectRights().erase(SubjectRef.ofId(1L), "support");
                app.rollback();
                connections.open = null;
            }
            assertThat(email(db, 1)).isEqualTo("ann@example.com");
            // the audit log keeps its own connection: the attempt stays on record after the rollback
            assertThat(kit.auditLog().query(org.compliancekit.audit.AuditQuery.all())).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailedUnitOfWorkIsUndoneToItsSavepointAndTheApplicationsTransactionGoesOn(TestDatabase kind)
            throws SQLException {
        try (TestDatabase.Fresh db = kind.fresh()) {
            inApplicationTransaction(db, false, (app, store, connections) -> {
                assertThatThrownBy(() -> store.inTransaction(tx -> {
                    tx.anonymize(MAP.table("contacts").orElseThrow(), java.util.List.of(
                            org.compliancekit.store.RowKey.of(2L)), org.compliancekit.pii.ErasureContext.none());
                    throw new IllegalStateException("the application's check failed");
                })).hasMessageContaining("check failed");

                try (Statement s = app.createStatement()) {
                    s.executeUpdate("UPDATE contacts SET email = 'ann@example.org' WHERE id = 1");
                }
                app.commit();
            });
            assertThat(email(db, 1)).isEqualTo("ann@example.org");
            assertThat(email(db, 2)).isEqualTo("bob@example.com");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTransactionAwareDataSourceIsJoinedOnlyWhileItsConnectionIsInATransaction(TestDatabase kind)
            throws SQLException {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createContacts(db);
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource())
                    .withConnectionSource(ConnectionSource.transactionAware(db.dataSource())).build();

            rights(store).erase(SubjectRef.ofId(2L), "support"); // no transaction open: the store commits its own

            assertThat(email(db, 2)).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = "H2")
    void aRestoreRefusesToRunInsideTheApplicationsTransaction(TestDatabase kind) throws SQLException {
        try (TestDatabase.Fresh db = kind.fresh()) {
            inApplicationTransaction(db, false, (app, store, connections) -> {
                assertThatThrownBy(() -> store.load(java.util.List.of("contacts"), table -> null,
                        DataStore.LoadMode.REPLACE))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("outside that transaction");
                assertThat(app.isClosed()).isFalse();
                app.rollback();
            });
            assertThat(email(db, 1)).isEqualTo("ann@example.com");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = "H2")
    void aSharedConnectionWithoutAnOpenTransactionIsRefusedWithTheFix(TestDatabase kind) throws SQLException {
        try (TestDatabase.Fresh db = kind.fresh()) {
            inApplicationTransaction(db, true, (app, store, connections) -> { // no transaction open
                assertThatThrownBy(() -> rights(store).erase(SubjectRef.ofId(1L), "support"))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("auto-commit on");
                assertThat(app.getAutoCommit()).isTrue();
            });
            assertThat(email(db, 1)).isEqualTo("ann@example.com");
        }
    }
}
