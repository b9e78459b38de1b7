package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.retention.LegalHold;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.RowKey;

/**
 * A {@link LegalHold} kept in one database table: each hold exempts either a whole subject (by id or email) or one
 * row of one table from retention and erasure until it is released. The DDL per database ships as
 * {@code org/compliancekit/jdbc/legal-hold-<product>.sql} and is returned by {@link #ddl(DatabaseProduct)}.
 *
 * <p>Row keys are stored as text: the key values' string forms joined by commas, with backslash and comma
 * escaped by a backslash, so {@code RowKey.of(42L)} and {@code RowKey.of(42)} are the same hold.
 */
public final class JdbcLegalHold implements LegalHold {
    /** The hold table's name when none is configured. */
    public static final String DEFAULT_TABLE = "compliance_legal_hold";
    private static final int CHUNK = 500;

    private final DataSource dataSource;
    private final String table;
    private final Clock clock;

    private JdbcLegalHold(DataSource dataSource, TableName table, Clock clock) {
        this.dataSource = dataSource;
        this.table = table.sql();
        this.clock = clock;
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Holds every row of the subject whose id or email is {@code subject}. */
    public void holdSubject(String subject, String reason) {
        requireText(subject, "held subject");
        insert(subject, null, null, reason);
    }

    /** Holds one row of {@code table}. */
    public void holdRow(String table, RowKey key, String reason) {
        requireText(table, "held table");
        insert(null, normalize(table), encode(Objects.requireNonNull(key, "row key")), reason);
    }

    /** Releases every hold on {@code subject}; returns how many there were. */
    public int releaseSubject(String subject) {
        return update("DELETE FROM " + table + " WHERE subject = ?", subject);
    }

    /** Releases every hold on one row; returns how many there were. */
    public int releaseRow(String table, RowKey key) {
        return update("DELETE FROM " + this.table + " WHERE table_name = ? AND row_key = ?", normalize(table), encode(key));
    }

    @Override
    public Set<RowKey> held(String table, List<MatchedRow> rows) {
        Set<RowKey> out = new HashSet<>();
        if (rows.isEmpty()) {
            return out;
        }
        Map<String, List<RowKey>> bySubject = new HashMap<>();
        Map<String, RowKey> byEncodedKey = new HashMap<>();
        for (MatchedRow r : rows) {
            if (r.subject() != null) {
                bySubject.computeIfAbsent(r.subject().toString(), k -> new ArrayList<>()).add(r.key());
            }
            byEncodedKey.put(encode(r.key()), r.key());
        }
        try (Connection c = dataSource.getConnection()) {
            for (String subject : matching(c, "subject", List.of(), new ArrayList<>(bySubject.keySet()))) {
                out.addAll(bySubject.get(subject));
            }
            for (String key : matching(c, "row_key", List.of(normalize(table)), new ArrayList<>(byEncodedKey.keySet()))) {
                out.add(byEncodedKey.get(key));
            }
            return out;
        } catch (SQLException e) {
            throw SqlFailure.of("reading legal holds from " + this.table + " failed", e);
        }
    }

    @Override
    public boolean isHeld(SubjectRef subject) {
        List<String> values = new ArrayList<>();
        subject.id().ifPresent(values::add);
        subject.email().ifPresent(values::add);
        try (Connection c = dataSource.getConnection()) {
            return !matching(c, "subject", List.of(), values).isEmpty();
        } catch (SQLException e) {
            throw SqlFailure.of("reading legal holds from " + table + " failed", e);
        }
    }

    /** The values of {@code column} among {@code candidates} that have a hold (optionally of one table). */
    private List<String> matching(Connection c, String column, List<String> tableName, List<String> candidates)
            throws SQLException {
        List<String> found = new ArrayList<>();
        for (int from = 0; from < candidates.size(); from += CHUNK) {
            List<String> chunk = candidates.subList(from, Math.min(candidates.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder("SELECT DISTINCT ").append(column).append(" FROM ").append(table)
                    .append(" WHERE ").append(tableName.isEmpty() ? "" : "table_name = ? AND ").append(column).append(" IN (");
            sql.append("?, ".repeat(chunk.size() - 1)).append("?)");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (String t : tableName) {
                    ps.setString(i++, t);
                }
                for (String v : chunk) {
                    ps.setString(i++, v);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    private void insert(String subject, String tableName, String rowKey, String reason) {
        requireText(reason, "legal hold reason");
        String sql = "INSERT INTO " + table + " (subject, table_name, row_key, reason, placed_at) VALUES (?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, subject);
            ps.setString(2, tableName);
            ps.setString(3, rowKey);
            ps.setString(4, reason);
            ps.setObject(5, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailure.of("placing a legal hold in " + table + " failed", e);
        }
    }

    private int update(String sql, String... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailure.of("releasing a legal hold in " + table + " failed", e);
        }
    }

    static String encode(RowKey key) {
        StringBuilder sb = new StringBuilder();
        for (Object v : key.values()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(v.toString().replace("\\", "\\\\").replace(",", "\\,"));
        }
        return sb.toString();
    }

    private static String normalize(String table) {
        return table.toLowerCase(Locale.ROOT);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(what + " must not be blank");
        }
    }

    /** The DDL creating the hold table on {@code product}, as shipped in the module's resources. */
    public static String ddl(DatabaseProduct product) {
        return ShippedDdl.read("legal-hold", product);
    }

    /** Configures a {@link JdbcLegalHold}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = DEFAULT_TABLE;
        private Clock clock = Clock.systemUTC();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The hold table; default {@value JdbcLegalHold#DEFAULT_TABLE}. */
        public Builder withTableName(String table) {
            this.table = table;
            return this;
        }

        /** The clock stamping when a hold was placed. */
        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public JdbcLegalHold build() {
            return new JdbcLegalHold(dataSource, TableName.of(table, "legal hold table"), clock);
        }
    }
}
