package org.compliancekit.spring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancekit.pii.DpaStatus;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code compliance.*} settings of a Spring Boot application. Backup, audit and job settings given here override
 * the same settings in the policy file; a setting given nowhere keeps the library's default. Secrets (backup keys,
 * the hash secret, the signing key) belong in the environment or a secret store, never in a committed file; they
 * are never logged.
 */
@ConfigurationProperties(prefix = "compliance")
public class ComplianceProperties {

    /** Whether the compliance auto-configuration is active at all. */
    private boolean enabled = true;

    /**
     * The policy file (YAML or JSON: PII map, retention rules, settings), e.g.
     * {@code classpath:compliance-policy.yml} or {@code file:/etc/shop/policy.yml}. Not needed when the application
     * defines a {@code CompliancePolicy} or {@code PiiMap} bean.
     */
    private String policyLocation = "classpath:compliance-policy.yml";

    /**
     * The secret behind the HASH strategy, keyed subject hashes and the erasure ledger, as text (at least 16
     * characters). Keep it stable: changing it changes every hash.
     */
    private String hashSecret;

    /** Backups: when, how and where. */
    private final Backup backup = new Backup();

    /** The daily job: backup, cleanup and PII deletion on a schedule, once across instances. */
    private final Job job = new Job();

    /** The audit trail. */
    private final Audit audit = new Audit();

    /** Processors added to the policy's processor register (GDPR art. 28/30), e.g. a payment provider. */
    private final List<ProcessorEntry> processors = new ArrayList<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPolicyLocation() {
        return policyLocation;
    }

    public void setPolicyLocation(String policyLocation) {
        this.policyLocation = policyLocation;
    }

    public String getHashSecret() {
        return hashSecret;
    }

    public void setHashSecret(String hashSecret) {
        this.hashSecret = hashSecret;
    }

    public Backup getBackup() {
        return backup;
    }

    public Job getJob() {
        return job;
    }

    public Audit getAudit() {
        return audit;
    }

    public List<ProcessorEntry> getProcessors() {
        return processors;
    }

    @Override
    public String toString() {
        return "ComplianceProperties[policyLocation=" + policyLocation + ", secrets not shown]";
    }

    /** Backup settings ({@code compliance.backup.*}). */
    public static class Backup {
        /** Whether the daily job backs up the database. Needs a storage: filesystem.path or s3.bucket. */
        private boolean enabled = false;

        /** The backup set's name: the folder under backups/ that holds its dated folders. */
        private String name = "main";

        /** Minimum time between two successful backups (168h for weekly). */
        private Duration cadence = Duration.ofHours(24);

        /** Backup folders older than this are deleted by the cleanup that follows each backup. */
        private Duration retention = Duration.ofDays(30);

        /** Whether table files are encrypted with AES-256-GCM under the primary key. */
        private boolean encrypted = true;

        /** Tables never backed up: configuration, credentials, sessions and the audit trail. */
        private Set<String> excludeTables = new LinkedHashSet<>(List.of("site", "role", "api_key", "apikey",
                "webhook", "audit", "session", "shedlock", "compliance_audit", "compliance_audit_head",
                "compliance_audit_checkpoint"));

        /**
         * The schemas backed up (databases on MariaDB/MySQL), spelled as the database stores them; empty (the
         * default) backs up every schema but the system ones (PostgreSQL, H2) or the connection's database
         * (MariaDB/MySQL).
         */
        private Set<String> schemas = new LinkedHashSet<>();

        /**
         * Tables read at once, each over a connection of its own sharing the backup's snapshot (PostgreSQL): auto
         * (one per core, at most 4) or 1 to 64. MariaDB, MySQL and H2 read one table at a time. Keep it below the
         * connection pool's size.
         */
        private String parallelism = "auto";

        /** The id of the key that encrypts new backups; one of the ids under keys. */
        private String primaryKeyId;

        /**
         * Backup keys by id, each the base64 of 32 random bytes ({@code openssl rand -base64 32}). Older keys stay
         * to read older backups. Supply the values from the environment, e.g. COMPLIANCE_BACKUP_KEYS_2026-01.
         */
        private Map<String, String> keys = new LinkedHashMap<>();

        /** Backups into a folder of this machine. */
        private final FileSystem filesystem = new FileSystem();

        /** Backups into an S3 bucket (AWS, R2, MinIO, ...); needs compliance-s3 on the class path. */
        private final S3 s3 = new S3();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Duration getCadence() {
            return cadence;
        }

        public void setCadence(Duration cadence) {
            this.cadence = cadence;
        }

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public boolean isEncrypted() {
            return encrypted;
        }

        public void setEncrypted(boolean encrypted) {
            this.encrypted = encrypted;
        }

        public Set<String> getExcludeTables() {
            return excludeTables;
        }

        public void setExcludeTables(Set<String> excludeTables) {
            this.excludeTables = excludeTables;
        }

        public Set<String> getSchemas() {
            return schemas;
        }

        public void setSchemas(Set<String> schemas) {
            this.schemas = schemas;
        }

        public String getParallelism() {
            return parallelism;
        }

        public void setParallelism(String parallelism) {
            this.parallelism = parallelism;
        }

        public String getPrimaryKeyId() {
            return primaryKeyId;
        }

        public void setPrimaryKeyId(String primaryKeyId) {
            this.primaryKeyId = primaryKeyId;
        }

        public Map<String, String> getKeys() {
            return keys;
        }

        public void setKeys(Map<String, String> keys) {
            this.keys = keys;
        }

        public FileSystem getFilesystem() {
            return filesystem;
        }

        public S3 getS3() {
            return s3;
        }

        @Override
        public String toString() {
            return "Backup[name=" + name + ", key ids=" + keys.keySet() + "]";
        }
    }

    /** A backup folder on this machine ({@code compliance.backup.filesystem.*}). */
    public static class FileSystem {
        /** The folder backups are written under, e.g. /var/backups/shop. */
        private Path path;

        public Path getPath() {
            return path;
        }

        public void setPath(Path path) {
            this.path = path;
        }
    }

    /** An S3 bucket for backups ({@code compliance.backup.s3.*}). */
    public static class S3 {
        /** The bucket; setting it selects S3 storage. */
        private String bucket;

        /** A key prefix inside the bucket, e.g. shop/ when several applications share one bucket. */
        private String prefix;

        /** The endpoint of an S3-compatible store (R2, MinIO); empty for AWS. */
        private URI endpoint;

        /** The region; empty for the AWS SDK's default region chain. */
        private String region;

        /** Whether to address the bucket in the path rather than the host name (MinIO and most test servers). */
        private boolean pathStyle = false;

        /** The access key id; empty for the AWS SDK's default credentials chain. */
        private String accessKeyId;

        /** The secret access key that goes with access-key-id; supply it from the environment. */
        private String secretAccessKey;

        /** How long to wait for a connection to the store; empty for the S3 module's default. */
        private Duration connectTimeout;

        /** How long a socket read may stall; empty for the S3 module's default. */
        private Duration socketTimeout;

        /** How long one attempt of a request may take; empty for the S3 module's default. */
        private Duration attemptTimeout;

        public String getBucket() {
            return bucket;
        }

        public void setBucket(String bucket) {
            this.bucket = bucket;
        }

        public String getPrefix() {
            return prefix;
        }

        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }

        public URI getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(URI endpoint) {
            this.endpoint = endpoint;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public boolean isPathStyle() {
            return pathStyle;
        }

        public void setPathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
        }

        public String getAccessKeyId() {
            return accessKeyId;
        }

        public void setAccessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
        }

        public String getSecretAccessKey() {
            return secretAccessKey;
        }

        public void setSecretAccessKey(String secretAccessKey) {
            this.secretAccessKey = secretAccessKey;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getSocketTimeout() {
            return socketTimeout;
        }

        public void setSocketTimeout(Duration socketTimeout) {
            this.socketTimeout = socketTimeout;
        }

        public Duration getAttemptTimeout() {
            return attemptTimeout;
        }

        public void setAttemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
        }

        @Override
        public String toString() {
            return "S3[bucket=" + bucket + ", prefix=" + prefix + ", credentials not shown]";
        }
    }

    /** The daily job ({@code compliance.job.*}). */
    public static class Job {
        /** Whether this application schedules the daily job; off leaves it to the CLI or another instance. */
        private boolean enabled = true;

        /** When the daily job runs, as a Spring cron expression (second minute hour day month weekday). */
        private String cron = "0 0 3 * * *";

        /** The time zone of the cron expression; the same on every instance of the cluster. */
        private ZoneId zone = ZoneId.of("UTC");

        /** Minimum time between two PII deletion runs. */
        private Duration piiDeletionCadence = Duration.ofHours(24);

        /** Whether PII deletion waits when that run's backup failed, so no data leaves without a backup. */
        private boolean skipDeletionWhenBackupFails = true;

        /** A task counts as due this much before its cadence has passed, so a slightly earlier run still runs it. */
        private Duration dueGrace = Duration.ofHours(1);

        /** The name of the cluster-wide lock that makes the job run on one instance at a time. */
        private String lockName = "compliance-daily-job";

        /** The lock is released after this even when the instance holding it dies mid-run. */
        private Duration lockAtMostFor = Duration.ofHours(6);

        /** Whether each scheduled run ends with a verification of the audit chain (reported by health). */
        private boolean verifyAuditChain = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getCron() {
            return cron;
        }

        public void setCron(String cron) {
            this.cron = cron;
        }

        public ZoneId getZone() {
            return zone;
        }

        public void setZone(ZoneId zone) {
            this.zone = zone;
        }

        public Duration getPiiDeletionCadence() {
            return piiDeletionCadence;
        }

        public void setPiiDeletionCadence(Duration piiDeletionCadence) {
            this.piiDeletionCadence = piiDeletionCadence;
        }

        public boolean isSkipDeletionWhenBackupFails() {
            return skipDeletionWhenBackupFails;
        }

        public void setSkipDeletionWhenBackupFails(boolean skipDeletionWhenBackupFails) {
            this.skipDeletionWhenBackupFails = skipDeletionWhenBackupFails;
        }

        public Duration getDueGrace() {
            return dueGrace;
        }

        public void setDueGrace(Duration dueGrace) {
            this.dueGrace = dueGrace;
        }

        public String getLockName() {
            return lockName;
        }

        public void setLockName(String lockName) {
            this.lockName = lockName;
        }

        public Duration getLockAtMostFor() {
            return lockAtMostFor;
        }

        public void setLockAtMostFor(Duration lockAtMostFor) {
            this.lockAtMostFor = lockAtMostFor;
        }

        public boolean isVerifyAuditChain() {
            return verifyAuditChain;
        }

        public void setVerifyAuditChain(boolean verifyAuditChain) {
            this.verifyAuditChain = verifyAuditChain;
        }
    }

    /** The audit trail ({@code compliance.audit.*}). */
    public static class Audit {
        /** The audit table's name; its head and checkpoint tables take it as prefix. */
        private String table = "compliance_audit";

        /**
         * How long audit events are kept; the scheduled job prunes older ones (needs the signing key). Empty keeps
         * them forever.
         */
        private Duration retention;

        /**
         * How long the erasable personal fields of audit events (IP address, user agent, subject) are kept; the
         * scheduled job erases older ones and keeps the events. Empty keeps them as long as their event.
         */
        private Duration personalFieldsRetention;

        /** The personal field names personal-fields-retention applies to; empty applies it to every field. */
        private List<String> personalFields = new ArrayList<>();

        /** The Ed25519 key that signs audit checkpoints; empty leaves checkpoints unsigned. */
        private final Signing signing = new Signing();

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public Duration getPersonalFieldsRetention() {
            return personalFieldsRetention;
        }

        public void setPersonalFieldsRetention(Duration personalFieldsRetention) {
            this.personalFieldsRetention = personalFieldsRetention;
        }

        public List<String> getPersonalFields() {
            return personalFields;
        }

        public void setPersonalFields(List<String> personalFields) {
            this.personalFields = personalFields;
        }

        public Signing getSigning() {
            return signing;
        }
    }

    /** The checkpoint signing key ({@code compliance.audit.signing.*}). */
    public static class Signing {
        /** The key id written into every checkpoint, so that keys can be rotated. */
        private String keyId;

        /** The private key, base64 PKCS#8 ({@code openssl genpkey -algorithm ed25519 -outform DER | base64}). */
        private String privateKey;

        /** The public key, base64 X.509 ({@code openssl pkey -pubout -outform DER | base64}). */
        private String publicKey;

        public String getKeyId() {
            return keyId;
        }

        public void setKeyId(String keyId) {
            this.keyId = keyId;
        }

        public String getPrivateKey() {
            return privateKey;
        }

        public void setPrivateKey(String privateKey) {
            this.privateKey = privateKey;
        }

        public String getPublicKey() {
            return publicKey;
        }

        public void setPublicKey(String publicKey) {
            this.publicKey = publicKey;
        }

        @Override
        public String toString() {
            return "Signing[keyId=" + keyId + ", keys not shown]";
        }
    }

    /** One processor of the register ({@code compliance.processors[n].*}). */
    public static class ProcessorEntry {
        /** The processor's name, e.g. Stripe. */
        private String name;

        /** Why data is shared, e.g. card payments. */
        private String purpose;

        /** Categories of data shared, e.g. email, billing address. */
        private List<String> dataShared = new ArrayList<>();

        /** The state of the data processing agreement: signed, pending, not-required or missing. */
        private DpaStatus dpaStatus;

        /** Where the data is processed and on what transfer basis, e.g. USA (EU SCCs). */
        private String location;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getPurpose() {
            return purpose;
        }

        public void setPurpose(String purpose) {
            this.purpose = purpose;
        }

        public List<String> getDataShared() {
            return dataShared;
        }

        public void setDataShared(List<String> dataShared) {
            this.dataShared = dataShared;
        }

        public DpaStatus getDpaStatus() {
            return dpaStatus;
        }

        public void setDpaStatus(DpaStatus dpaStatus) {
            this.dpaStatus = dpaStatus;
        }

        public String getLocation() {
            return location;
        }

        public void setLocation(String location) {
            this.location = location;
        }
    }
}
