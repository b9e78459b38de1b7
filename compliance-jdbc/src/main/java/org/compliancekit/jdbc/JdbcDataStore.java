package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.compliancekit.ConfigurationException;
import org.compliancekit.StorageException;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.TableId;
import org.compliancekit.store.TableSchema;

/**
 * The {@link DataStore} for relational databases reached through JDBC: PostgreSQL, MariaDB, MySQL and H2.
 *
 * <pre>{@code
 * DataStore store = JdbcDataStore.builder(dataSource).withSchema("shop").build();
 * }</pre>
 *
 * <p>Table and column names are taken only from the database's own metadata and always quoted; every value is a
 * bound parameter. Scans stream with the configured fetch size (PostgreSQL inside a transaction, MariaDB through
 * the driver's streaming mode), so memory does not grow with a table. Read views are one snapshot
 * (PostgreSQL {@code REPEATABLE READ}, MariaDB {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}); on PostgreSQL a
 * view hands out sibling views on further connections that import its snapshot ({@code pg_export_snapshot()}), so a
 * backup reads several tables at once, all as of one instant. Restores run in
 * one transaction: PostgreSQL through {@code COPY}, the others through batched inserts.
 *
 * <p>By default every unit of work runs in a transaction of its own, on its own connection. To run inside a
 * transaction the application already has open (e.g. erase inside a Spring {@code @Transactional} method), give the
 * builder a {@link ConnectionSource} that recognises the host's transaction: the store then neither commits, rolls
 * back, changes auto-commit nor closes that connection.
 *
 * <p>Besides the default schema (see {@link Builder#withSchema}), PostgreSQL and H2 stores read every other
 * schema but the system ones; those tables are named {@code "schema"."table"} ({@link TableId}). On
 * MariaDB/MySQL, where a schema is a database, only the connection's database is read unless
 * {@link Builder#withSchemas} names more.
 *
 * <p>The schema is read from metadata on first use and kept; build a new store after changing the schema.
 */
public final class JdbcDataStore implements DataStore {
    /** Rows fetched per round trip when none is configured. */
    public static final int DEFAULT_FETCH_SIZE = 1_000;
    /** Rows per batch when none is configured. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    private final ConnectionSource connections;
    private final Dialect dialect;
    private final String configuredSchema;
    private final List<String> configuredOthers;
    private final int fetchSize;
    private final int batchSize;
    private volatile JdbcSchema schema;

    private JdbcDataStore(Builder b, DatabaseProduct product) {
        this.connections = b.connections != null ? b.connections : ConnectionSource.of(b.dataSource);
        this.dialect = Dialect.of(product);
        this.configuredSchema = b.schema;
        this.configuredOthers = b.others;
        this.fetchSize = b.fetchSize;
        this.batchSize = b.batchSize;
    }

    /** Starts configuring a store over {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The database product the store talks to. */
    public DatabaseProduct product() {
        return dialect.product();
    }

    @Override
    public SchemaDescription describe() {
        return schema().description();
    }

    /** The schema (database on MariaDB/MySQL) whose tables {@link #describe()} names unqualified. */
    @Override
    public Optional<String> defaultSchema() {
        return Optional.of(schema().name());
    }

    @Override
    public ReadView openReadView() {
        schema();
        return JdbcReadView.open(this);
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        schema();
        Lease lease = lease();
        Connection c = lease.connection();
        if (lease.joined()) {
            return inHostTransaction(c, work);
        }
        JdbcTransaction tx = new JdbcTransaction(this, c, true);
        T result;
        try {
            c.setAutoCommit(false);
            result = work.run(tx);
            tx.closeCursors();
            c.commit();
        } catch (SQLException e) {
            StorageException failure = SqlFailure.of("the transaction failed and was rolled back", e);
            abandon(c, tx, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            abandon(c, tx, e);
            throw e;
        }
        release(c, false);
        return result;
    }

    /**
     * Runs {@code work} inside the host's open transaction, between a savepoint and its release: a failure undoes the
     * work to the savepoint and leaves the host's transaction open and usable; committing is the host's.
     */
    private <T> T inHostTransaction(Connection c, TransactionWork<T> work) {
        JdbcTransaction tx = new JdbcTransaction(this, c, false);
        Savepoint savepoint;
        try {
            if (c.getAutoCommit()) {
                giveBack(c);
                throw new ConfigurationException("the connection source says the connection is part of the host's "
                        + "transaction, but it has auto-commit on, so no transaction is open on it; open the "
                        + "transaction first (e.g. @Transactional) or let the store use connections of its own");
            }
            savepoint = c.setSavepoint();
        } catch (SQLException e) {
            StorageException failure = SqlFailure.of("setting a savepoint in the host's transaction failed", e);
            giveBack(c, failure);
            throw failure;
        }
        Throwable failure = null;
        try {
            T result = work.run(tx);
            tx.closeCursors();
            c.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException e) {
            StorageException f = SqlFailure.of("the work failed and was undone to its savepoint; "
                    + "the host's transaction is still open", e);
            failure = f;
            undo(c, tx, savepoint, f);
            throw f;
        } catch (RuntimeException | Error e) {
            failure = e;
            undo(c, tx, savepoint, e);
            throw e;
        } finally {
            giveBack(c, failure);
        }
    }

    private static void undo(Connection c, JdbcTransaction tx, Savepoint savepoint, Throwable cause) {
        try {
            tx.closeCursors();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            c.rollback(savepoint);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Rolls back and releases after {@code cause}; what fails on the way is attached to it, never thrown over it. */
    private void abandon(Connection c, JdbcTransaction tx, Throwable cause) {
        try {
            tx.closeCursors();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        rollback(c, cause);
        try {
            release(c, false);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public Map<String, Long> load(List<String> tables, LoadSource source, LoadMode mode) {
        Objects.requireNonNull(source, "load source");
        Objects.requireNonNull(mode, "load mode");
        return new Restore(this).run(tables, source, mode);
    }

    // ---- for the package's readers and writers

    Dialect dialect() {
        return dialect;
    }

    int fetchSize() {
        return fetchSize;
    }

    int batchSize() {
        return batchSize;
    }

    JdbcSchema schema() {
        JdbcSchema s = schema;
        if (s == null) {
            synchronized (this) {
                s = schema;
                if (s == null) {
                    schema = s = readSchema();
                }
            }
        }
        return s;
    }

    private JdbcSchema readSchema() {
        Lease lease = lease();
        Connection c = lease.connection();
        RuntimeException failure = null;
        try {
            String name = configuredSchema != null ? configuredSchema : dialect.currentSchema(c);
            if (name == null) {
                throw new ConfigurationException("the connection has no current schema or database; "
                        + "set one with JdbcDataStore.builder(..).withSchema(..)");
            }
            List<String> others = configuredOthers != null ? configuredOthers : dialect.otherSchemas(c);
            return new SchemaReader(dialect).read(c, name, others);
        } catch (SQLException e) {
            throw failure = SqlFailure.of("reading the schema from database metadata failed", e);
        } catch (RuntimeException e) {
            throw failure = e;
        } finally {
            if (lease.joined()) {
                giveBack(c, failure);
            } else {
                release(c, false);
            }
        }
    }

    /** The table named {@code name} (see {@link SchemaDescription#require}). */
    TableSchema table(String name) {
        return schema().description().require(name);
    }

    /** The table's name as SQL, schema-qualified and quoted. */
    String qualified(TableSchema t) {
        TableId id = TableId.parse(t.name());
        return dialect.qualified(schemaOf(id), id.table());
    }

    /** The schema a table lies in, the default one named. */
    String schemaOf(TableId id) {
        return id.inDefaultSchema() ? schema().name() : id.schema();
    }

    /** A connection from the source, and whether it belongs to the host's transaction (then the store joins it). */
    record Lease(Connection connection, boolean joined) {
    }

    Lease lease() {
        Connection c;
        try {
            c = connections.getConnection();
        } catch (SQLException e) {
            throw SqlFailure.of("could not get a connection from the data source", e);
        }
        try {
            return new Lease(c, connections.isHostTransaction(c));
        } catch (SQLException e) {
            StorageException failure = SqlFailure.of("could not tell whether the connection belongs to the host's transaction", e);
            giveBack(c, failure);
            throw failure;
        }
    }

    /**
     * A connection for a transaction of the store's own (restore); refused inside the host's transaction, which the
     * store must not commit.
     */
    Connection connect() {
        Lease lease = lease();
        if (lease.joined()) {
            giveBack(lease.connection(), null);
            throw new ConfigurationException("a restore runs in a transaction of its own and cannot join the "
                    + "application's open transaction; run it outside that transaction");
        }
        return lease.connection();
    }

    /** Returns a joined connection to its source untouched; a failure is attached to {@code cause} when there is one. */
    void giveBack(Connection c, Throwable cause) {
        try {
            connections.releaseConnection(c);
        } catch (SQLException e) {
            if (cause == null) {
                throw SqlFailure.of("giving a connection back to its source failed", e);
            }
            cause.addSuppressed(e);
        }
    }

    private void giveBack(Connection c) {
        giveBack(c, null);
    }

    /** Ends any open transaction (rolling it back), restores the connection's defaults and closes it. */
    void release(Connection c, boolean rollback) {
        try {
            try {
                if (rollback || !c.getAutoCommit()) {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                    c.setAutoCommit(true);
                }
                if (c.isReadOnly()) {
                    c.setReadOnly(false);
                }
            } finally {
                connections.releaseConnection(c);
            }
        } catch (SQLException e) {
            throw SqlFailure.of("closing a database connection failed", e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Configures a {@link JdbcDataStore}; validated in {@link #build()}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String schema;
        private List<String> others;
        private int fetchSize = DEFAULT_FETCH_SIZE;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private DatabaseProduct product;
        private ConnectionSource connections;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The schema (PostgreSQL, H2) or database (MariaDB, MySQL) holding the tables; by default the
         * connection's current one. Spelled as the database stores it (PostgreSQL: {@code public}, H2:
         * {@code PUBLIC}).
         */
        public Builder withSchema(String schema) {
            if (schema == null || schema.isBlank()) {
                throw new ConfigurationException("schema must not be blank; omit withSchema(..) to use the connection's current schema");
            }
            this.schema = schema;
            return this;
        }

        /**
         * The schemas (databases on MariaDB/MySQL) the store reads besides the default one, spelled as the database
         * stores them; their tables are named {@code "schema"."table"} ({@link TableId}). By default every schema
         * but the system ones on PostgreSQL and H2, and none on MariaDB/MySQL. An empty list reads the default
         * schema only.
         */
        public Builder withSchemas(java.util.Collection<String> schemas) {
            for (String s : Objects.requireNonNull(schemas, "schemas")) {
                if (s == null || s.isBlank()) {
                    throw new ConfigurationException("withSchemas(..) must not hold a blank schema name");
                }
            }
            this.others = List.copyOf(schemas);
            return this;
        }

        /** Rows fetched per round trip by scans; bounds a scan's memory. Default {@value #DEFAULT_FETCH_SIZE}. */
        public Builder withFetchSize(int fetchSize) {
            if (fetchSize < 1) {
                throw new ConfigurationException("fetchSize must be at least 1, was " + fetchSize);
            }
            this.fetchSize = fetchSize;
            return this;
        }

        /**
         * Rows per restore batch and keys per anonymize or delete statement (on PostgreSQL a single-column key list
         * is bound as one array parameter and not split). Default {@value #DEFAULT_BATCH_SIZE}.
         */
        public Builder withBatchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new ConfigurationException("batchSize must be between 1 and 10000, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Where the store's connections come from (default: the builder's data source, each unit of work in a
         * transaction of its own). A source that recognises the host application's open transaction lets the store
         * join it: see {@link ConnectionSource}. The data source given to {@link JdbcDataStore#builder} is still
         * used to detect the database product.
         */
        public Builder withConnectionSource(ConnectionSource connections) {
            this.connections = Objects.requireNonNull(connections, "connection source");
            return this;
        }

        /** Skips detection and uses {@code product}'s SQL (e.g. for a MySQL-compatible server not recognised). */
        public Builder withProduct(DatabaseProduct product) {
            this.product = Objects.requireNonNull(product, "product");
            return this;
        }

        /** Builds the store; detects the database product unless one was given. */
        public JdbcDataStore build() {
            return new JdbcDataStore(this, product != null ? product : DatabaseProduct.detect(dataSource));
        }
    }
}
