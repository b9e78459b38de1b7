package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SubjectValues;
import org.compliancekit.store.TableSchema;

/**
 * The reads of a {@link org.compliancekit.store.ReadView} or a transaction, on the one connection that holds
 * its snapshot or transaction. Cursors left open are closed when the view or transaction ends.
 */
abstract class JdbcReader implements org.compliancekit.store.StoreReader {
    final JdbcDataStore store;
    final Dialect dialect;
    final Connection connection;
    private final List<ResultSetCursor> cursors = new ArrayList<>();
    /** Whether any work ran on the connection through this reader yet. */
    boolean used;

    JdbcReader(JdbcDataStore store, Connection connection) {
        this.store = store;
        this.dialect = store.dialect();
        this.connection = connection;
    }

    @Override
    public RowCursor scan(String table) {
        used = true;
        TableSchema t = store.table(table);
        StringBuilder sql = new StringBuilder("SELECT ").append(columnList(t, "t0")).append(" FROM ")
                .append(dialect.scanTarget(store.qualified(t))).append(" t0");
        if (!t.primaryKey().isEmpty()) {
            sql.append(" ORDER BY ").append(new KeySql(dialect, t, "t0", "a scan").list());
        }
        return open(t, new SqlText().append(sql.toString()));
    }

    @Override
    public RowCursor subjectRows(TableMapping mapping, SubjectRef subject) {
        used = true;
        TableSchema t = store.table(mapping.table());
        SubjectLink link = mapping.subjectLink();
        Optional<String> wanted = link == null ? Optional.empty() : subject.valueFor(link.terminal());
        if (wanted.isEmpty()) {
            return RowCursor.of(t.columnNames(), Collections.emptyIterator());
        }
        SqlText filter = subjectFilter(t, link, wanted.get());
        if (filter == null) {
            return RowCursor.of(t.columnNames(), Collections.emptyIterator());
        }
        boolean email = link.terminal() instanceof SubjectLink.ByEmail;
        // Email links: the database finds candidates (LOWER on both sides of a LIKE finds every address equal
        // under the email rule, and perhaps more), then the rule itself decides on the address each row links to.
        SubjectExpression address = email ? subjectExpression(t, link) : null;
        SqlText sql = new SqlText().append("SELECT " + columnList(t, "t0") + (email ? ", " + address.sql() : "")
                + " FROM " + dialect.scanTarget(store.qualified(t)) + " t0 WHERE ").append(filter);
        if (!t.primaryKey().isEmpty()) {
            sql.append(" ORDER BY " + new KeySql(dialect, t, "t0", "subject search").list());
        }
        if (!email) {
            return open(t, sql);
        }
        List<ColumnSchema> columns = new ArrayList<>(t.columns());
        columns.add(address.column());
        RowCursor candidates = open(t, sql, columns);
        String wantedEmail = wanted.get();
        List<String> names = t.columnNames();
        return new RowCursor() {
            @Override
            public List<String> columns() {
                return names;
            }

            @Override
            public Object[] next() {
                for (Object[] r = candidates.next(); r != null; r = candidates.next()) {
                    if (SubjectValues.sameEmail(r[r.length - 1], wantedEmail)) {
                        return java.util.Arrays.copyOf(r, r.length - 1);
                    }
                }
                return null;
            }

            @Override
            public void close() {
                candidates.close();
            }
        };
    }

    /**
     * {@code t0}'s link column equals the subject value, directly or through nested {@code IN} subqueries along
     * the join path; null when the value cannot occur in the link column (e.g. text in an integer column).
     */
    private SqlText subjectFilter(TableSchema t, SubjectLink link, String wanted) {
        List<Join> joins = link instanceof SubjectLink.ViaPath p ? p.joins() : List.of();
        TableSchema current = t;
        List<TableSchema> hops = new ArrayList<>();
        for (Join j : joins) {
            current = store.table(j.toTable());
            hops.add(current);
        }
        ColumnSchema terminal = new ConditionSql(dialect, current, "x").column(terminalColumn(link));
        Object value = subjectValue(wanted, terminal);
        if (value == null) {
            return null;
        }
        SqlText sql = new SqlText();
        TableSchema from = t;
        for (int i = 0; i < joins.size(); i++) {
            TableSchema to = hops.get(i);
            String a = "t" + i;
            String b = "t" + (i + 1);
            sql.append(new ConditionSql(dialect, from, a).ref(new ConditionSql(dialect, from, a).column(joins.get(i).fromColumn())))
                    .append(" IN (SELECT " + new ConditionSql(dialect, to, b).ref(new ConditionSql(dialect, to, b).column(joins.get(i).toColumn()))
                            + " FROM " + store.qualified(to) + " " + b + " WHERE ");
            from = to;
        }
        ConditionSql last = new ConditionSql(dialect, from, "t" + joins.size());
        if (link.terminal() instanceof SubjectLink.ByEmail) {
            String pattern = "%" + SubjectValues.emailKey(wanted).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            sql.append("LOWER(" + last.ref(terminal) + ") LIKE LOWER(").bind(pattern, terminal).append(") ESCAPE '!'");
        } else {
            sql.append(last.ref(terminal) + " = ").bind(value, terminal);
        }
        sql.append(")".repeat(joins.size()));
        return sql;
    }

    static String terminalColumn(SubjectLink link) {
        SubjectLink end = link.terminal();
        return end instanceof SubjectLink.ById id ? id.column() : ((SubjectLink.ByEmail) end).column();
    }

    /** The subject id or email as a value of the link column's type, or null when it cannot be one. */
    static Object subjectValue(String wanted, ColumnSchema column) {
        return SubjectValues.idValue(wanted, column.type());
    }

    @Override
    public List<MatchedRow> findExpired(ExpiryQuery q) {
        used = true;
        ExpiredSelect page = expiredSelect(q, List.of());
        List<MatchedRow> out = new ArrayList<>();
        try (PreparedStatement ps = page.sql().prepare(connection, dialect); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(page.match(rs));
            }
        } catch (SQLException e) {
            throw SqlFailure.of("finding expired rows of table " + page.table().name() + " failed", e);
        }
        return out;
    }

    /**
     * The page of {@code q} as one SELECT over alias {@code t0}: the key columns, the subject value when the query
     * carries a subject link, then {@code extra} columns of the table; in key order, at most {@code q.limit()} rows.
     */
    ExpiredSelect expiredSelect(ExpiryQuery q, List<ColumnSchema> extra) {
        TableSchema t = store.table(q.table());
        ConditionSql where = new ConditionSql(dialect, t, "t0");
        KeySql key = new KeySql(dialect, t, "t0", "retention");
        SqlText sql = new SqlText().append("SELECT " + key.list());
        SubjectExpression subject = q.subjectLink() == null ? null : subjectExpression(t, q.subjectLink());
        if (subject != null) {
            sql.append(", ").append(subject.sql());
        }
        for (ColumnSchema c : extra) {
            sql.append(", ").append(where.ref(c));
        }
        sql.append(" FROM " + dialect.scanTarget(store.qualified(t)) + " t0 WHERE ").append(expiredFilter(q, "t0"));
        sql.append(" ORDER BY " + key.list() + " LIMIT " + q.limit());
        return new ExpiredSelect(t, key, subject == null ? null : subject.column(), sql);
    }

    /**
     * What makes a row of {@code q}'s table, under {@code alias}, part of its walk after {@code q.after()}: the
     * timestamp at or before the cutoff, the condition, a field still pending, the key after the last page's.
     */
    SqlText expiredFilter(ExpiryQuery q, String alias) {
        TableSchema t = store.table(q.table());
        ConditionSql where = new ConditionSql(dialect, t, alias);
        ColumnSchema ts = where.column(q.timestampColumn());
        SqlText sql = new SqlText().append(where.ref(ts) + " <= ").bind(cutoffValue(t, ts, q), ts)
                .append(" AND (").append(where.condition(q.condition())).append(")");
        if (!q.pendingFields().isEmpty()) {
            sql.append(" AND ").append(where.pending(q.pendingFields()));
        }
        if (q.after() != null) {
            sql.append(" AND ").append(new KeySql(dialect, t, alias, "retention").after(q.after()));
        }
        return sql;
    }

    /**
     * A page query built by {@link #expiredSelect}: reads each row's {@link MatchedRow}; the extra columns follow
     * at {@link #firstExtra()}.
     */
    record ExpiredSelect(TableSchema table, KeySql key, ColumnSchema subject, SqlText sql) {
        MatchedRow match(ResultSet rs) throws SQLException {
            Object s = subject == null ? null : key.dialect().read(rs, key.columns().size() + 1, subject);
            return new MatchedRow(key.read(rs, 1), s);
        }

        /** The result column of the first extra column. */
        int firstExtra() {
            return key.columns().size() + (subject == null ? 1 : 2);
        }
    }

    private static Object cutoffValue(TableSchema t, ColumnSchema ts, ExpiryQuery q) {
        return switch (ts.type()) {
            case TIMESTAMP_TZ -> OffsetDateTime.ofInstant(q.cutoff(), ZoneOffset.UTC);
            case TIMESTAMP -> LocalDateTime.ofInstant(q.cutoff(), ZoneOffset.UTC);
            // A date counts from its start (UTC): it is at or before the cutoff when it is on or before its day.
            case DATE -> LocalDate.ofInstant(q.cutoff(), ZoneOffset.UTC);
            default -> throw new ConfigurationException("column " + t.name() + "." + ts.name()
                    + " does not hold timestamps; a retention period must count from a date or timestamp column");
        };
    }

    /** The subject value of a row of {@code t0}, as a scalar subquery along the join path. */
    private record SubjectExpression(String sql, ColumnSchema column) {
    }

    private SubjectExpression subjectExpression(TableSchema t, SubjectLink link) {
        List<Join> joins = link instanceof SubjectLink.ViaPath p ? p.joins() : List.of();
        List<TableSchema> tables = new ArrayList<>();
        tables.add(t);
        for (Join j : joins) {
            tables.add(store.table(j.toTable()));
        }
        ConditionSql end = new ConditionSql(dialect, tables.get(joins.size()), "t" + joins.size());
        ColumnSchema column = end.column(terminalColumn(link));
        String expr = end.ref(column);
        // Built from the far end inwards: each hop's first match, as a row has at most one parent per hop.
        for (int i = joins.size() - 1; i >= 0; i--) {
            ConditionSql from = new ConditionSql(dialect, tables.get(i), "t" + i);
            ConditionSql to = new ConditionSql(dialect, tables.get(i + 1), "t" + (i + 1));
            expr = "(SELECT " + expr + " FROM " + store.qualified(tables.get(i + 1)) + " t" + (i + 1) + " WHERE "
                    + to.ref(to.column(joins.get(i).toColumn())) + " = " + from.ref(from.column(joins.get(i).fromColumn()))
                    + " LIMIT 1)";
        }
        return new SubjectExpression(expr, column);
    }

    String columnList(TableSchema t, String alias) {
        StringBuilder sb = new StringBuilder();
        for (ColumnSchema c : t.columns()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(dialect.selectExpression(alias + "." + dialect.quote(c.name()), c));
        }
        return sb.toString();
    }

    RowCursor open(TableSchema t, SqlText sql) {
        return open(t, sql, t.columns());
    }

    private RowCursor open(TableSchema t, SqlText sql, List<ColumnSchema> columns) {
        try {
            PreparedStatement ps = sql.prepare(connection, dialect);
            try {
                ps.setFetchSize(store.fetchSize());
                ResultSetCursor cursor = new ResultSetCursor(dialect, t.name(), ps, columns);
                cursors.add(cursor);
                return cursor;
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailure.of("reading table " + t.name() + " failed", e);
        }
    }

    void closeCursors() {
        for (ResultSetCursor c : cursors) {
            c.close();
        }
        cursors.clear();
    }
}
