package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.compliancekit.ConfigurationException;
import org.compliancekit.StorageException;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.SchemaDescription;
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
 * (PostgreSQL {@code REPEATABLE READ}, MariaDB {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}). Restores run in
 * one transaction: PostgreSQL through {@code COPY}, the others through batched inserts.
 *
 * <p>The schema is read from metadata on first use and kept; build a new store after changing the schema.
 */
public final class JdbcDataStore implements DataStore {
    /** Rows fetched per round trip when none is configured. */
    public static final int DEFAULT_FETCH_SIZE = 1_000;
    /** Rows per batch when none is configured. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String configuredSchema;
    private final int fetchSize;
    private final int batchSize;
    private volatile JdbcSchema schema;

    private JdbcDataStore(Builder b, DatabaseProduct product) {
        this.dataSource = b.dataSource;
        this.dialect = Dialect.of(product);
        this.configuredSchema = b.schema;
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

    @Override
    public ReadView openReadView() {
        schema();
        return JdbcReadView.open(this);
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        schema();
        Connection c = connect();
        JdbcTransaction tx = new JdbcTransaction(this, c);
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
        Connection c = connect();
        try {
            String name = configuredSchema != null ? configuredSchema : dialect.currentSchema(c);
            if (name == null) {
                throw new ConfigurationException("the connection has no current schema or database; "
                        + "set one with JdbcDataStore.builder(..).withSchema(..)");
            }
            return new SchemaReader(dialect).read(c, name);
        } catch (SQLException e) {
            throw SqlFailure.of("reading the schema from database metadata failed", e);
        } finally {
            release(c, false);
        }
    }

    /** The table named {@code name} (see {@link SchemaDescription#require}). */
    TableSchema table(String name) {
        return schema().description().require(name);
    }

    /** The table's name as SQL, schema-qualified and quoted. */
    String qualified(TableSchema t) {
        return dialect.qualified(schema().name(), t.name());
    }

    Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw SqlFailure.of("could not get a connection from the data source", e);
        }
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
                c.close();
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
        private int fetchSize = DEFAULT_FETCH_SIZE;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private DatabaseProduct product;

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

        /** Rows fetched per round trip by scans; bounds a scan's memory. Default {@value #DEFAULT_FETCH_SIZE}. */
        public Builder withFetchSize(int fetchSize) {
            if (fetchSize < 1) {
                throw new ConfigurationException("fetchSize must be at least 1, was " + fetchSize);
            }
            this.fetchSize = fetchSize;
            return this;
        }

        /**
         * Rows per restore batch and keys per anonymize or delete statement. Default {@value #DEFAULT_BATCH_SIZE}.
         */
        public Builder withBatchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new ConfigurationException("batchSize must be between 1 and 10000, was " + batchSize);
            }
            this.batchSize = batchSize;
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
