package org.compliancekit.jdbc;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.support.LockException;
import net.javacrumbs.shedlock.support.StorageBasedLockProvider;
import org.compliancekit.ConfigurationException;
import org.compliancekit.StorageException;
import org.compliancekit.job.JobLock;

/**
 * A cluster-wide {@link JobLock} on ShedLock's lock table: of several application instances sharing one database,
 * one runs the daily job and the others find the lock held and skip. Lock expiry is computed with the database's
 * clock, so instances whose clocks differ still agree.
 *
 * <p>The table is ShedLock's standard one; its DDL per database ships as
 * {@code org/compliancekit/jdbc/shedlock-<product>.sql} and is returned by {@link #ddl(DatabaseProduct)}.
 *
 * <pre>{@code
 * JobLock lock = JdbcJobLock.builder(dataSource).build();
 * try (var held = lock.tryLock("compliance-daily", Duration.ofHours(2)).orElse(null)) { ... }
 * }</pre>
 */
public final class JdbcJobLock implements JobLock {
    /** The lock table's name when none is configured: ShedLock's own default. */
    public static final String DEFAULT_TABLE = "shedlock";

    private final LockProvider provider;
    private final DatabaseTimeLockAccessor accessor;
    private final Clock clock;
    private final String table;
    private final DatabaseProduct product;

    private JdbcJobLock(DatabaseTimeLockAccessor accessor, Clock clock, String table, DatabaseProduct product) {
        this.accessor = accessor;
        this.provider = new ShedLockProvider(accessor);
        this.clock = clock;
        this.table = table;
        this.product = product;
    }

    /** Starts configuring a lock on {@code dataSource}'s database. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public Optional<Held> tryLock(String name, Duration atMostFor) {
        Objects.requireNonNull(name, "lock name");
        if (name.isEmpty() || name.length() > 64) {
            // The table's name column holds 64 characters; a longer name must fail, not be cut to collide with another.
            throw new ConfigurationException("lock name must be 1 to 64 characters, was " + name.length());
        }
        if (atMostFor == null || atMostFor.isNegative() || atMostFor.isZero()) {
            throw new ConfigurationException("lock " + name + " needs a positive atMostFor, was " + atMostFor);
        }
        // The instant only satisfies ShedLock's value checks; expiry is computed in the database.
        Optional<SimpleLock> lock;
        LockConfiguration config = new LockConfiguration(clock.instant(), name, atMostFor, Duration.ZERO);
        try {
            lock = provider.lock(config);
        } catch (LockException e) {
            accessor.forget(config);
            throw failure("taking", name, e);
        }
        if (lock.isEmpty()) {
            accessor.forget(config);
        }
        return lock.map(l -> () -> {
            try {
                l.unlock();
            } catch (LockException e) {
                throw failure("releasing", name, e);
            }
        });
    }

    /** ShedLock's own exception, as the library's, with the usual cause and its fix. */
    private StorageException failure(String doing, String name, LockException cause) {
        return new StorageException(doing + " the job lock " + name + " in table " + table + " failed: "
                + cause.getMessage() + "; if the table is missing, create it with JdbcJobLock.ddl(DatabaseProduct."
                + product.name() + ") (shipped as org/compliancekit/jdbc/shedlock-<database>.sql) or start from "
                + "JdbcComplianceKit.builder(..), which creates it", cause);
    }

    /** The DDL creating the lock table on {@code product}, as shipped in the module's resources. */
    public static String ddl(DatabaseProduct product) {
        return ShippedDdl.read("shedlock", product);
    }

    /** Configures a {@link JdbcJobLock}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = DEFAULT_TABLE;
        private DatabaseProduct product;
        private Clock clock = Clock.systemUTC();
        private boolean autoCreate;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The lock table; default {@value JdbcJobLock#DEFAULT_TABLE}. */
        public Builder withTableName(String table) {
            this.table = table;
            return this;
        }

        /** Skips product detection. */
        public Builder withProduct(DatabaseProduct product) {
            this.product = Objects.requireNonNull(product, "product");
            return this;
        }

        /** The clock stamped on lock requests (expiry itself uses the database's clock). */
        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Creates the lock table when it is missing, from the shipped DDL (default {@code false}: a migration
         * creates it). Safe when several instances start at once on a fresh database.
         */
        public Builder withAutoCreate(boolean autoCreate) {
            this.autoCreate = autoCreate;
            return this;
        }

        /** Builds the lock; detects the database product unless one was given. */
        public JdbcJobLock build() {
            TableName name = TableName.of(table, "job lock table");
            DatabaseProduct detected = product != null ? product : DatabaseProduct.detect(dataSource);
            Dialect dialect = Dialect.of(detected);
            if (autoCreate) {
                create(name, detected);
            }
            return new JdbcJobLock(new DatabaseTimeLockAccessor(dataSource, name, dialect), clock, table, detected);
        }

        private void create(TableName name, DatabaseProduct p) {
            String ddl = ddl(p).replaceAll("--[^\n]*", "").strip().replaceFirst(";$", "")
                    .replace("CREATE TABLE " + DEFAULT_TABLE + " ", "CREATE TABLE IF NOT EXISTS " + name.sql() + " ");
            try {
                TableCreation.create(dataSource, p, List.of(ddl),
                        TableCreation.readable("SELECT name FROM " + name.sql() + " WHERE 1 = 0"));
            } catch (SQLException e) {
                throw new StorageException("could not create job lock table " + name.sql() + " (SQL state "
                        + e.getSQLState() + "); create it with JdbcJobLock.ddl(..) or grant CREATE", e);
            }
        }
    }

    /** ShedLock's storage-based provider (its constructor is protected). */
    private static final class ShedLockProvider extends StorageBasedLockProvider {
        ShedLockProvider(DatabaseTimeLockAccessor accessor) {
            super(accessor);
        }
    }
}
