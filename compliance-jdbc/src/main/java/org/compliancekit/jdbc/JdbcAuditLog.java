package org.compliancekit.jdbc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditRedactor;
import org.compliancekit.audit.AuditSettings;
import org.compliancekit.audit.AuditVerifier;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.CheckpointVerifier;
import org.compliancekit.audit.StorageBasedAuditLog;

/**
 * An {@link AuditLog} in a relational database: PostgreSQL, MariaDB/MySQL or H2. Appends from any number of threads
 * and application instances form one chain because each append locks the chain's head row
 * ({@code SELECT ... FOR UPDATE} on {@code <table>_head}) for the length of its transaction.
 *
 * <p>The tables come from {@code org/compliancekit/jdbc/audit-<product>.sql} in this jar (copy it into a migration)
 * or from {@link Builder#withAutoCreate(boolean)}.
 *
 * <p>{@link #verify} reads the rows on the calling thread and hashes them on a second one, the two joined by a
 * queue of a few fetch-size batches. On PostgreSQL the rows come through {@code COPY ... TO STDOUT} in primary key
 * order, which the driver's result sets cannot match in speed; the other databases use a streaming result set.
 *
 * <pre>{@code
 * AuditLog log = JdbcAuditLog.builder(dataSource).withSigner(signer).withClock(clock).build();
 * }</pre>
 */
public final class JdbcAuditLog extends StorageBasedAuditLog {

    private JdbcAuditLog(Builder b, JdbcAuditStorage storage) {
        super(storage, b.clock, b.signer, b.retiredKeys, b.redactor, "JdbcAuditLog.builder(..)");
    }

    /** A builder for the log in {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Configures a {@link JdbcAuditLog}; validated and frozen by {@link #build()}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = AuditSql.DDL_TABLE_NAME;
        private CheckpointSigner signer;
        private Clock clock = Clock.systemUTC();
        private AuditRedactor redactor = AuditRedactor.patternsOnly();
        private final List<CheckpointVerifier> retiredKeys = new ArrayList<>();
        private boolean autoCreate;
        private DatabaseProduct product;
        private int batchSize = 1000;
        private int fetchSize = 1000;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The audit table's name (default {@code compliance_audit}); {@code _head} and {@code _checkpoint} tables follow it. */
        public Builder withTable(String table) {
            this.table = table;
            return this;
        }

        /** Signs checkpoints and prune cut points, and verifies them; without one, those operations fail. */
        public Builder withSigner(CheckpointSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /**
         * Public keys that checkpoints may also be signed with: retired signing keys after a rotation, or, for a
         * log used only to verify (an auditor's), the keys instead of a signer.
         */
        public Builder withRetiredKeys(CheckpointVerifier... keys) {
            retiredKeys.addAll(List.of(keys));
            return this;
        }

        /**
         * The public keys an auditor verifies with, instead of a signer: the current key and retired ones. With
         * {@link #buildVerifier()} nothing else is needed.
         */
        public Builder withPublicKeys(CheckpointVerifier... keys) {
            return withRetiredKeys(keys);
        }

        /** Stamps records and checkpoints (default the system UTC clock). */
        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Redacts events before hashing and storing (default {@link AuditRedactor#patternsOnly()}). */
        public Builder withRedactor(AuditRedactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /**
         * Creates the tables when missing, from the shipped DDL, and adds the chain format version 2 columns to a
         * table created before them (default {@code false}: a migration creates them).
         */
        public Builder withAutoCreate(boolean autoCreate) {
            this.autoCreate = autoCreate;
            return this;
        }

        /** Overrides detection of the database product from the connection's metadata. */
        public Builder withProduct(DatabaseProduct product) {
            this.product = Objects.requireNonNull(product, "product");
            return this;
        }

        /** Rows per insert batch and per prune delete transaction (default 1000). */
        public Builder withBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Rows fetched per round trip while verifying, and rows per batch handed to the hashing thread (default
         * 1000); bounds verification memory.
         */
        public Builder withFetchSize(int fetchSize) {
            this.fetchSize = fetchSize;
            return this;
        }

        /**
         * A verifier of the existing tables from public keys alone ({@link #withPublicKeys}): it reads, never writes,
         * and never creates tables. Needs no signer; fails when no public key is configured.
         */
        public AuditVerifier buildVerifier() {
            if (retiredKeys.isEmpty()) {
                throw new ConfigurationException("an audit verifier needs the public keys of the checkpoint signing "
                        + "keys; set JdbcAuditLog.builder(..).withPublicKeys(CheckpointVerifier...)");
            }
            boolean create = autoCreate;
            CheckpointSigner s = signer;
            autoCreate = false;
            signer = null;
            try {
                JdbcAuditLog log = build();
                return log::verify;
            } finally {
                autoCreate = create;
                signer = s;
            }
        }

        /** Validates the settings, creates the tables when asked, and checks they are usable. */
        public JdbcAuditLog build() {
            String t = new AuditSettings(table, null).table();
            if (batchSize < 1 || batchSize > 100_000) {
                throw new ConfigurationException("audit batch size must be 1 to 100000, was " + batchSize);
            }
            if (fetchSize < 1 || fetchSize > 100_000) {
                throw new ConfigurationException("audit fetch size must be 1 to 100000, was " + fetchSize);
            }
            this.table = t;
            AuditTables tables = new AuditTables(dataSource,
                    new AuditSql(product != null ? product : DatabaseProduct.detect(dataSource), t))
                    .prepare(autoCreate);
            return new JdbcAuditLog(this, new JdbcAuditStorage(tables, batchSize, fetchSize));
        }
    }
}
