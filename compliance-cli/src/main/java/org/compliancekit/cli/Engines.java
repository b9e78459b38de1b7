package org.compliancekit.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import org.compliancekit.ConfigurationException;
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditSettings;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.Backups;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.jdbc.DatabaseProduct;
import org.compliancekit.jdbc.JdbcAuditLog;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jdbc.JdbcJobLock;
import org.compliancekit.jdbc.JdbcLegalHold;
import org.compliancekit.job.DailyJob;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.Validation;
import org.compliancekit.policy.ValidationReport;
import org.compliancekit.retention.LegalHold;
import org.compliancekit.retention.RetentionEngine;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.subject.SubjectRights;

/**
 * Wires the engines a command needs from its options, the way an application would: one data store, one audit log
 * in the same database, the policy's settings. Opened per command; closing releases the backup store.
 */
final class Engines implements AutoCloseable {
    private final CliEnvironment env;
    private final DatabaseOptions db;
    private final Optional<CompliancePolicy> policy;
    private final Optional<Path> auditKeyFile;
    private DataSource dataSource;
    private JdbcDataStore store;
    private AuditLog audit;
    private BlobStore blobs;
    private ProgressBlobStore progress;
    private boolean validated;

    Engines(CliEnvironment env, DatabaseOptions db, Optional<CompliancePolicy> policy, Optional<Path> auditKeyFile) {
        this.env = env;
        this.db = db;
        this.policy = policy;
        this.auditKeyFile = auditKeyFile;
    }

    /**
     * The policy, checked against the database's schema once: errors are a configuration error listing them, each
     * warning is one line on standard error.
     */
    CompliancePolicy policy() {
        CompliancePolicy p = policy.orElseThrow(() -> new ConfigurationException("--map is required: the policy "
                + "file with the PII map, retention rules and backup settings"));
        if (!validated) {
            ValidationReport report = Validation.validate(p, dataStore().describe()).throwIfInvalid();
            report.warnings().forEach(env.err()::println);
            validated = true;
        }
        return p;
    }

    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = db.dataSource(env);
        }
        return dataSource;
    }

    JdbcDataStore dataStore() {
        if (store == null) {
            store = JdbcDataStore.builder(dataSource()).build();
        }
        return store;
    }

    /** The audit log in the database; signed checkpoints only with {@code --audit-key-file}. */
    AuditLog audit() {
        if (audit == null) {
            JdbcAuditLog.Builder b = JdbcAuditLog.builder(dataSource()).withClock(env.clock()).withAutoCreate(true)
                    .withTable(policy.map(CompliancePolicy::audit).orElse(AuditSettings.defaults()).table());
            auditKeyFile.map(SecretFiles::auditSigner).ifPresent(b::withSigner);
            audit = b.build();
        }
        return audit;
    }

    /** The backup engine over {@code --store}; with {@code dataless} it needs no database (for verifying). */
    Backups backups(StoreOptions options, boolean dataless) {
        BackupSettings settings = policy.map(CompliancePolicy::backup).orElse(BackupSettings.defaults());
        if (options.name != null) {
            settings = settings.withName(options.name);
        }
        KeyRing keys = options.keys();
        DataStore data = dataless ? InMemoryDataStore.of() : dataStore();
        AuditLog log = dataless ? InMemoryAuditLog.builder(env.clock()).build() : audit();
        blobs = options.open(dataless); // a dataless command only reads the store: it must create nothing there
        if (keys.isEmpty() && settings.encrypted()) {
            throw new ConfigurationException("--key-file is required: the backup key that encrypts and authenticates "
                    + "the backups (create one with 'compliance keygen --out <file>')");
        }
        SecretFiles.warn(options.keyWarnings(), env.err(), log);
        Backups.Builder b = Backups.builder(data, blobs, log);
        if (env.terminal()) {
            ProgressLine line = new ProgressLine(env.err(), env.clock());
            progress = new ProgressBlobStore(blobs, line);
            b = Backups.builder(data, progress, log).withProgress(line);
        }
        return b.withKeys(keys).withSettings(settings).withClock(env.clock()).build();
    }

    RetentionEngine retention() {
        return RetentionEngine.builder(dataStore(), policy().map(), audit()).withErasureContext(erasureContext())
                .withLegalHold(legalHold()).withClock(env.clock()).build();
    }

    SubjectRights subjectRights() {
        return SubjectRights.builder(dataStore(), policy().map(), audit()).withErasureContext(erasureContext())
                .withLegalHold(legalHold()).withRetentionRules(policy().rules()).withClock(env.clock()).build();
    }

    /** The daily job with the job lock in the database, creating the lock table on first use. */
    DailyJob dailyJob(StoreOptions options) {
        Backups backups = backups(options, false);
        DatabaseProduct product = dataStore().product();
        ensureTable(JdbcJobLock.DEFAULT_TABLE, JdbcJobLock.ddl(product));
        return DailyJob.builder(JdbcJobLock.builder(dataSource()).withClock(env.clock()).build(), audit())
                .withClock(env.clock()).withBackups(backups).withRetention(retention(), policy().rules()).build();
    }

    /** The HASH strategy's secret from {@code COMPLIANCE_HASH_SECRET} (base64); none when unset. */
    ErasureContext erasureContext() {
        return env.variable(CliEnvironment.HASH_SECRET).map(v -> {
            try {
                return ErasureContext.withHashSecret(Base64.getDecoder().decode(v.strip()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(CliEnvironment.HASH_SECRET + " is not valid base64; "
                        + "generate a secret with 'openssl rand -base64 32'");
            }
        }).orElse(ErasureContext.none());
    }

    /** Legal holds are honoured when the database has the hold table; without it nothing is held. */
    private LegalHold legalHold() {
        return tableExists(JdbcLegalHold.DEFAULT_TABLE) ? JdbcLegalHold.builder(dataSource()).build() : LegalHold.none();
    }

    private void ensureTable(String table, String ddl) {
        if (!tableExists(table)) {
            try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute(ddl);
            } catch (SQLException e) {
                throw new StorageException("cannot create table " + table + "; create it with the DDL in "
                        + "JdbcJobLock.ddl(..) or grant CREATE", e);
            }
        }
    }

    private boolean tableExists(String table) {
        try (Connection c = dataSource().getConnection();
                ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), null, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw new StorageException("cannot list the tables of the database at --jdbc-url", e);
        }
    }

    /** Ends a progress line on the terminal, before the command prints its result. */
    void endProgress() {
        if (progress != null) {
            progress.finish();
        }
    }

    /** Also ends the progress line, so that a failure's reason starts on a line of its own. */
    @Override
    public void close() throws Exception {
        endProgress();
        if (blobs instanceof AutoCloseable c) {
            c.close();
        }
    }
}
