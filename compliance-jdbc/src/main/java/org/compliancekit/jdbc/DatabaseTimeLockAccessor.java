package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.support.AbstractStorageAccessor;
import net.javacrumbs.shedlock.support.LockException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ShedLock's storage contract on its standard lock table, reading every instant from the database's clock.
 * ShedLock's plain-JDBC accessor sends the application's clock; with several instances whose clocks drift, a lock
 * could expire early on one of them. Here the database is the only clock.
 *
 * <p>Every acquisition writes its own holder id ({@code locked_by}: the host name and a random suffix) and the
 * release matches it, so a holder that overran {@code atMostFor} and releases late leaves the next holder's lock
 * alone; ShedLock's accessor matches the lock's name only.
 */
final class DatabaseTimeLockAccessor extends AbstractStorageAccessor {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseTimeLockAccessor.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** locked_by is VARCHAR(255) in ShedLock's table: room for the suffix after a long host name. */
    private static final int HOST_PART = 200;

    // Keyed by identity: ShedLock passes the same LockConfiguration object to lock, extend and unlock.
    private final Map<LockConfiguration, String> holders = Collections.synchronizedMap(new IdentityHashMap<>());
    private final DataSource dataSource;
    private final String table;
    private final Dialect dialect;

    DatabaseTimeLockAccessor(DataSource dataSource, TableName table, Dialect dialect) {
        this.dataSource = dataSource;
        this.table = table.sql();
        this.dialect = dialect;
    }

    @Override
    public boolean insertRecord(LockConfiguration lock) {
        // The row usually exists already. Where the database can, the duplicate is skipped rather than raised: the
        // MariaDB driver logs every error the server returns as a warning, so an expected one would alarm operators.
        String values = " (name, lock_until, locked_at, locked_by) VALUES (?, " + dialect.utcNowPlusMillis() + ", "
                + dialect.utcNow() + ", ?)";
        String sql = switch (dialect.product()) {
            case MARIADB, MYSQL -> "INSERT IGNORE INTO " + table + values;
            case POSTGRESQL -> "INSERT INTO " + table + values + " ON CONFLICT (name) DO NOTHING";
            case H2 -> "INSERT INTO " + table + values;
        };
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            ps.setString(1, lock.getName());
            dialect.bindMillis(ps, 2, lock.getLockAtMostFor().toMillis());
            ps.setString(3, holder(lock));
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            if (SqlFailure.isConstraintViolation(e)) {
                return false; // the row exists: updateRecord decides
            }
            throw new LockException("inserting lock " + lock.getName() + " into " + table + " failed (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }

    @Override
    public boolean updateRecord(LockConfiguration lock) {
        String sql = "UPDATE " + table + " SET lock_until = " + dialect.utcNowPlusMillis() + ", locked_at = "
                + dialect.utcNow() + ", locked_by = ? WHERE name = ? AND lock_until <= " + dialect.utcNow();
        return update(sql, lock, lock.getLockAtMostFor().toMillis(), holder(lock), lock.getName()) > 0;
    }

    @Override
    public boolean extend(LockConfiguration lock) {
        String sql = "UPDATE " + table + " SET lock_until = " + dialect.utcNowPlusMillis()
                + " WHERE name = ? AND locked_by = ? AND lock_until > " + dialect.utcNow();
        return update(sql, lock, lock.getLockAtMostFor().toMillis(), lock.getName(), holder(lock)) > 0;
    }

    @Override
    public void unlock(LockConfiguration lock) {
        String holder = holders.remove(lock);
        if (holder == null) {
            return; // never acquired through this accessor: nothing of ours to release
        }
        String sql = "UPDATE " + table + " SET lock_until = " + dialect.utcNowPlusMillis()
                + " WHERE name = ? AND locked_by = ?";
        if (update(sql, lock, lock.getLockAtLeastFor().toMillis(), lock.getName(), holder) == 0) {
            LOG.warn("job lock {} in {} was not released: its atMostFor of {} ran out before the release and "
                    + "another holder has taken it since; give the job a longer lease", lock.getName(), table,
                    lock.getLockAtMostFor());
        }
    }

    /** Forgets an acquisition attempt that did not take the lock. */
    void forget(LockConfiguration lock) {
        holders.remove(lock);
    }

    private String holder(LockConfiguration lock) {
        return holders.computeIfAbsent(lock, l -> {
            String host = getHostname();
            byte[] suffix = new byte[8];
            RANDOM.nextBytes(suffix);
            return (host.length() > HOST_PART ? host.substring(0, HOST_PART) : host) + "#"
                    + HexFormat.of().formatHex(suffix);
        });
    }

    private int update(String sql, LockConfiguration lock, long millis, String... strings) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            dialect.bindMillis(ps, 1, millis);
            for (int i = 0; i < strings.length; i++) {
                ps.setString(i + 2, strings[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new LockException("updating lock " + lock.getName() + " in " + table + " failed (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }
}
