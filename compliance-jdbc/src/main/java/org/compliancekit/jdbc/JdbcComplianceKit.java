package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.compliancekit.StorageException;
import org.compliancekit.kit.AuditLogFactory;
import org.compliancekit.job.JobLock;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.retention.LegalHold;

/**
 * Starts a {@link ComplianceKit} on one JDBC database: the application's tables, the audit trail, the daily job's
 * cluster-wide lock and the legal holds all live in the {@code DataSource}'s database.
 *
 * <pre>{@code
 * ComplianceKit kit = JdbcComplianceKit.builder(dataSource, policy)
 *         .withSigner(signer)
 *         .withBlobStore(FileSystemBlobStore.at(Path.of("/var/backups/shop")))
 *         .withKeys(keys)
 *         .build();
 * }</pre>
 *
 * <p>What it sets, each replaceable on the returned builder: a {@link JdbcDataStore}; an audit log factory creating a
 * {@link JdbcAuditLog} in the policy's {@code audit.table}, creating its tables when missing; a {@link JdbcJobLock}
 * on ShedLock's {@value JdbcJobLock#DEFAULT_TABLE} table, created when missing at the first lock (so a kit used only
 * for reads creates no table); a {@link JdbcLegalHold} when the
 * database has its {@value JdbcLegalHold#DEFAULT_TABLE} table (create it with {@link JdbcLegalHold#ddl}), none
 * otherwise.
 *
 * <p>To let erasure and retention join the application's own open transaction (e.g. a Spring
 * {@code @Transactional} method), start with {@link #builder(DataSource, CompliancePolicy, ConnectionSource)} and a
 * {@link ConnectionSource} that recognises it.
 */
public final class JdbcComplianceKit {
    private JdbcComplianceKit() {
    }

    /**
     * A kit builder with every database-backed part on {@code dataSource}.
     *
     * @throws StorageException when the database cannot be reached
     */
    public static ComplianceKit.Builder builder(DataSource dataSource, CompliancePolicy policy) {
        return builder(dataSource, policy, ConnectionSource.of(dataSource));
    }

    /**
     * A kit builder whose data store takes its connections from {@code dataConnections}, joining the host
     * application's transaction whenever that source says a connection belongs to one (see
     * {@link ConnectionSource}). The audit log, job lock and legal hold use their own connections from
     * {@code dataSource}, so an audit event stays recorded when the host rolls back.
     *
     * @throws StorageException when the database cannot be reached
     */
    public static ComplianceKit.Builder builder(DataSource dataSource, CompliancePolicy policy,
            ConnectionSource dataConnections) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dataConnections, "dataConnections");
        JdbcDataStore store = JdbcDataStore.builder(dataSource).withConnectionSource(dataConnections).build();
        DatabaseProduct product = store.product();
        ComplianceKit.Builder kit = ComplianceKit.builder(policy)
                .withDataStore(store)
                .withAuditLogFactory(auditLogs(dataSource, product))
                .withJobLock(creatingTable(dataSource, product));
        kit.withLegalHold(tableExists(dataSource, JdbcLegalHold.DEFAULT_TABLE)
                ? JdbcLegalHold.builder(dataSource).build()
                : LegalHold.none());
        return kit;
    }

    /**
     * A lock whose table is created (race-free, see {@link JdbcJobLock.Builder#withAutoCreate}) before the first
     * attempt, so a kit used only for reads creates no table.
     */
    private static JobLock creatingTable(DataSource dataSource, DatabaseProduct product) {
        AtomicReference<JdbcJobLock> lock = new AtomicReference<>();
        return (name, atMostFor) -> lock.updateAndGet(l -> l != null ? l
                        : JdbcJobLock.builder(dataSource).withProduct(product).withAutoCreate(true).build())
                .tryLock(name, atMostFor);
    }

    /** Creates {@link JdbcAuditLog}s on {@code dataSource}, creating the audit tables when missing. */
    public static AuditLogFactory auditLogs(DataSource dataSource, DatabaseProduct product) {
        return (settings, signer, clock) -> {
            JdbcAuditLog.Builder b = JdbcAuditLog.builder(dataSource).withProduct(product).withTable(settings.table())
                    .withClock(clock).withAutoCreate(true);
            signer.ifPresent(b::withSigner);
            return b.build();
        };
    }

    static boolean tableExists(DataSource dataSource, String table) {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), null, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT).equals(table.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw new StorageException("cannot list the tables of the database (SQLState " + e.getSQLState() + ")", e);
        }
    }
}
