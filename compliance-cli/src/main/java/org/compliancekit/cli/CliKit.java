package org.compliancekit.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditSettings;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.Checkpoint;
import org.compliancekit.audit.CheckpointVerifier;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.audit.RunJournal;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.Backups;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.jdbc.JdbcAuditLog;
import org.compliancekit.jdbc.JdbcComplianceKit;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.job.DailyJob;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.Validation;
import org.compliancekit.policy.ValidationReport;
import org.compliancekit.retention.RetentionEngine;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.subject.SubjectRights;

/**
 * A command's {@link ComplianceKit}, built from its options the way an application builds one: the policy file,
 * the database behind {@code --jdbc-url}, the audit trail in that database, the backup store of {@code --store},
 * the secrets. Opened per command; closing releases the backup store and the database connections kept for reuse.
 */
final class CliKit implements AutoCloseable {
    private final CliEnvironment env;
    private final DatabaseOptions db;
    private final Optional<CompliancePolicy> policy;
    private final Optional<Path> auditKeyFile;
    private ReusingDataSource dataSource;
    private JdbcDataStore store;
    private AuditLog audit;
    private ComplianceKit kit;
    private BlobStore blobs;
    private ProgressBlobStore progress;
    private boolean validated;
    private List<CheckpointVerifier> publicKeys = List.of();
    private long headAtStart;
    private boolean readOnly;
    private boolean storeReadOnly;
    private Integer backupParallelism;

    CliKit(CliEnvironment env, DatabaseOptions db, Optional<CompliancePolicy> policy, Optional<Path> auditKeyFile) {
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

    /** Public keys (current and retired) to verify checkpoints with, from {@code --audit-public-key-file}. */
    CliKit withAuditPublicKeys(List<CheckpointVerifier> keys) {
        this.publicKeys = List.copyOf(keys);
        return this;
    }

    /**
     * For commands that only read: the audit tables are not created when missing (the command fails naming them),
     * and a backup store is opened without creating its folder.
     */
    CliKit readOnly() {
        this.readOnly = true;
        return this;
    }

    /** Overrides the policy's {@code backup.parallelism} for this command ({@code backup --parallelism}). */
    CliKit withBackupParallelism(int parallelism) {
        this.backupParallelism = parallelism;
        return this;
    }

    /** For commands that only read the backup store (restore): its folder is not created when missing. */
    CliKit storeReadOnly() {
        this.storeReadOnly = true;
        return this;
    }

    /** Whether any key to check checkpoints with was given. */
    boolean hasAuditKeys() {
        return auditKeyFile.isPresent() || !publicKeys.isEmpty();
    }

    /** The audit log in the database; signed checkpoints only with {@code --audit-key-file}. */
    AuditLog audit() {
        if (audit == null) {
            JdbcAuditLog.Builder b = auditBuilder();
            auditKeyFile.map(SecretFiles::auditSigner).ifPresent(b::withSigner);
            audit = b.build();
            headAtStart = head(audit);
        }
        return audit;
    }

    private JdbcAuditLog.Builder auditBuilder() {
        AuditSettings settings = policy.map(CompliancePolicy::audit).orElse(AuditSettings.defaults());
        return JdbcAuditLog.builder(dataSource()).withProduct(dataStore().product())
                .withClock(env.clock()).withAutoCreate(!readOnly).withTable(settings.table())
                .withPublicKeys(publicKeys.toArray(CheckpointVerifier[]::new));
    }

    private static long head(AuditLog log) {
        List<AuditRecord> newest = log.query(AuditQuery.all().withLimit(1));
        return newest.isEmpty() ? 0 : newest.get(0).sequence();
    }

    /**
     * The kit over the database, with the backup store of {@code options} when given (then its {@code --name}
     * overrides the policy's backup name); without one, backups are off for this command. Without {@code --map}
     * the kit has an empty policy, enough to restore.
     */
    private ComplianceKit kit(StoreOptions options) {
        if (kit != null) {
            return kit;
        }
        CompliancePolicy p = policy.isPresent() ? policy() : CompliancePolicy.of(PiiMap.empty());
        BackupSettings settings = p.backup();
        if (options == null) {
            settings = settings.withEnabled(false);
        } else if (options.name != null) {
            settings = settings.withName(options.name);
        }
        if (backupParallelism != null) {
            settings = settings.withParallelism(backupParallelism);
        }
        ComplianceKit.Builder b = JdbcComplianceKit.builder(dataSource(), p.withBackup(settings))
                .withDataStore(dataStore()).withAuditLog(audit()).withClock(env.clock());
        hashSecret().ifPresent(b::withHashSecret);
        if (options != null) {
            // A bad key stops the command before anything is created; a bad store is named before a missing key.
            KeyRing keys = options.keys();
            blobs = options.open(readOnly || storeReadOnly);
            requireKeys(keys, settings);
            SecretFiles.warn(options.keyWarnings(), env.err(), audit());
            b.withBlobStore(blobs).withKeys(keys);
            if (env.terminal()) {
                ProgressLine line = new ProgressLine(env.err(), env.clock());
                progress = new ProgressBlobStore(blobs, line);
                b.withBlobStore(progress).withProgress(line);
            }
        }
        kit = b.build();
        return kit;
    }

    /** The backup engine over {@code --store}; with {@code dataless} it needs no database (for verifying). */
    Backups backups(StoreOptions options, boolean dataless) {
        if (!dataless) {
            return kit(options).backups().orElseThrow();
        }
        return manifestReader(options, true);
    }

    /**
     * The signed audit checkpoints the backups in {@code options}' store carry. Each is signed, so no backup key
     * is needed to read them.
     */
    List<Checkpoint> backupCheckpoints(StoreOptions options) {
        return manifestReader(options, false).auditCheckpoints();
    }

    private Backups manifestReader(StoreOptions options, boolean keysRequired) {
        BackupSettings settings = policy.map(CompliancePolicy::backup).orElse(BackupSettings.defaults());
        if (options.name != null) {
            settings = settings.withName(options.name);
        }
        KeyRing keys = options.keys();
        blobs = options.open(true); // a dataless command only reads the store: it must create nothing there
        if (keysRequired) {
            requireKeys(keys, settings);
        }
        AuditLog log = InMemoryAuditLog.builder(env.clock()).build();
        SecretFiles.warn(options.keyWarnings(), env.err(), log);
        return Backups.builder(InMemoryDataStore.of(), blobs, log)
                .withKeys(keys).withSettings(settings).withClock(env.clock()).build();
    }

    private static void requireKeys(KeyRing keys, BackupSettings settings) {
        if (keys.isEmpty() && settings.encrypted()) {
            throw new ConfigurationException("--key-file is required: the backup key that encrypts and authenticates "
                    + "the backups (create one with 'compliance keygen --out <file>')");
        }
    }

    RetentionEngine retention() {
        policy();
        return kit(null).retention();
    }

    SubjectRights subjectRights() {
        policy();
        return kit(null).subjectRights();
    }

    /** The daily job with the job lock in the database, creating the lock table on first use. */
    DailyJob dailyJob(StoreOptions options) {
        policy();
        return kit(options).dailyJob();
    }

    /** The HASH strategy's secret from {@code COMPLIANCE_HASH_SECRET} (base64); none when unset. */
    private Optional<byte[]> hashSecret() {
        return env.variable(CliEnvironment.HASH_SECRET).map(v -> {
            try {
                return Base64.getDecoder().decode(v.strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(CliEnvironment.HASH_SECRET + " is not valid base64; "
                        + "generate a secret with 'openssl rand -base64 32'");
            }
        });
    }

    /**
     * Runs a command's work and keeps every failure on record: when it throws and nothing was appended to the audit
     * trail since the command began (the engine never started: a bad key, an unreadable store, an invalid policy),
     * a {@code failed} record of {@code type} is appended naming the command and a message safe to store. When the
     * trail itself cannot be reached, a warning on standard error says the failure is not recorded.
     *
     * @param type the event type of the command's operation, e.g. {@code backup}
     * @param action for a type several commands share ({@code config_change}), what the command does; else null
     */
    <T> T recorded(String type, String action, String command, String actor, boolean dryRun, Callable<T> work)
            throws Exception {
        try {
            return work.call();
        } catch (Exception e) {
            recordFailure(type, action, command, actor, dryRun, e);
            throw e;
        }
    }

    private void recordFailure(String type, String action, String command, String actor, boolean dryRun,
            Exception e) {
        try {
            AuditLog log;
            try {
                log = audit();
                // Only the operation's own records count: the command itself may have appended others first
                // (a key-file warning), and other writers share the trail.
                List<AuditRecord> own = log.query(AuditQuery.all().withTypes(type, RunJournal.TYPE_RUN_STARTED)
                        .withLimit(1));
                if (!own.isEmpty() && own.get(0).sequence() > headAtStart) {
                    return; // the engine started its run and records its own outcome
                }
            } catch (RuntimeException badSigner) {
                // A signing key the trail refuses (another key pair under a known id) must not keep the failure
                // off the record: it is recorded unsigned, and the next command with the right key checkpoints it.
                log = auditBuilder().build();
            }
            Map<String, Object> details = new LinkedHashMap<>();
            if (action != null) {
                details.put("action", action);
            }
            details.put("command", command);
            details.put("error", SafeMessages.describe(e));
            log.append(new AuditEvent(type, AuditStatus.FAILED, actor, command + " failed before it recorded "
                    + "anything", details, Duration.ZERO, dryRun));
        } catch (RuntimeException unrecorded) {
            env.err().println("WARNING this failure is not recorded in the audit trail: "
                    + unrecorded.getClass().getSimpleName());
        }
    }

    /** Ends a progress line on the terminal, before the command prints its result. */
    void endProgress() {
        if (progress != null) {
            progress.finish();
        }
    }

    /**
     * Also ends the progress line, so that a failure's reason starts on a line of its own; and when the command
     * appended to the audit trail and a signing key is configured, signs a checkpoint covering its records, so
     * that cutting them off the tail is detectable.
     */
    @Override
    public void close() throws Exception {
        endProgress();
        if (audit != null && audit.signsCheckpoints()) {
            try {
                if (head(audit) != headAtStart) {
                    audit.checkpoint();
                }
            } catch (RuntimeException e) {
                env.err().println("WARNING no audit checkpoint after this command: " + e.getClass().getSimpleName());
            }
        }
        try {
            if (blobs instanceof AutoCloseable c) {
                c.close();
            }
        } finally {
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }
}
