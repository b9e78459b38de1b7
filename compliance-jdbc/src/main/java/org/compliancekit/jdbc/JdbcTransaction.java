package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.compliancekit.StorageException;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.ExpiredPage;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.ForeignKey;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.StoreTransaction;
import org.compliancekit.store.TableSchema;

/**
 * Writes inside one database transaction. Key lists are split into chunks of the store's batch size, so a
 * statement's parameter count stays bounded; a list bound as one array parameter (PostgreSQL, single-column keys)
 * goes in one statement.
 */
final class JdbcTransaction extends JdbcReader implements StoreTransaction {
    /** Bound values per statement, below PostgreSQL's and MariaDB's limits with room to spare. */
    private static final int MAX_PARAMETERS = 30_000;

    /** Whether the store opened this transaction (not the host), so that it may roll it back itself. */
    private final boolean own;

    JdbcTransaction(JdbcDataStore store, Connection connection, boolean own) {
        super(store, connection);
        this.own = own;
    }

    @Override
    public int anonymize(TableMapping mapping, List<RowKey> keys, ErasureContext context) {
        used = true;
        TableSchema t = store.table(mapping.table());
        List<PiiField> fields = mapping.erasedFields();
        if (keys.isEmpty() || fields.isEmpty()) {
            return 0;
        }
        ConditionSql where = new ConditionSql(dialect, t, null);
        KeySql key = new KeySql(dialect, t, null, "anonymization");
        boolean computed = fields.stream().anyMatch(f -> f.strategy().dependsOnValue());
        SqlText set = new SqlText();
        for (PiiField f : computed ? List.<PiiField>of() : fields) {
            set.append(set.isEmpty() ? "" : ", ").append(constantAssignment(t, where, f, context));
        }
        String target = dialect.scanTarget(store.qualified(t));
        int changed = 0;
        try {
            for (List<RowKey> chunk : chunks(key, keys)) {
                SqlText filter = new SqlText().append(key.in(chunk)).append(" AND ").append(where.pending(fields));
                if (!computed) {
                    SqlText sql = new SqlText().append("UPDATE " + target + " SET ").append(set).append(" WHERE ").append(filter);
                    try (PreparedStatement ps = sql.prepare(connection, dialect)) {
                        changed += ps.executeUpdate();
                    }
                } else {
                    changed += updateRowByRow(t, target, key, where, fields, filter, context);
                }
            }
        } catch (SQLException e) {
            throw SqlFailure.of("anonymizing rows of table " + t.name() + " failed", e);
        }
        return changed;
    }

    /**
     * Anonymizing in fewer statements than the three calls of the default: fields computed from the stored value
     * (HASH, custom strategies) with one locking SELECT that finds the page and reads its values; constant fields
     * on PostgreSQL with one statement that finds the page and updates it, when this transaction is the store's own
     * and nothing ran in it before (should the page hold a row under a legal hold, that statement is rolled back
     * and the page taken the default way). Deletes take the default, for its foreign key diagnosis.
     */
    @Override
    public ExpiredPage expire(ExpiryQuery q, RowAction action, TableMapping mapping, ErasureContext context,
            Function<List<MatchedRow>, Set<RowKey>> holds) {
        boolean first = !used;
        used = true;
        if (action != RowAction.ANONYMIZE || mapping == null || !mapping.table().equalsIgnoreCase(q.table())
                || mapping.erasedFields().isEmpty() || !q.pendingFields().equals(mapping.erasedFields())) {
            return StoreTransaction.super.expire(q, action, mapping, context, holds);
        }
        if (mapping.erasedFields().stream().anyMatch(f -> f.strategy().dependsOnValue())) {
            return expireComputed(q, mapping, context, holds);
        }
        if (own && first && dialect.updatesFromCte()) {
            return expireInOneStatement(q, mapping, context, holds);
        }
        return StoreTransaction.super.expire(q, action, mapping, context, holds);
    }

    /**
     * {@code WITH p AS (<the page>), u AS (UPDATE … WHERE key <= (p's last key) AND <the page's filter> RETURNING 1)
     * SELECT p.*, (SELECT count(*) FROM u)}: the page's keys and subjects in key order, each with the number of rows
     * updated; with {@link StoreTransaction#NOTHING_HELD}, only the page's last key and its two counts. The rows between the previous page's last key and this page's that pass the page's filter are exactly
     * the page, so the UPDATE finds them by one range scan of the key instead of a join with the page (a third less
     * time per batch on PostgreSQL).
     */
    private ExpiredPage expireInOneStatement(ExpiryQuery q, TableMapping mapping, ErasureContext context,
            Function<List<MatchedRow>, Set<RowKey>> holds) {
        TableSchema t = store.table(mapping.table());
        ConditionSql where = new ConditionSql(dialect, t, "ck_t");
        boolean nothingHeld = holds == StoreTransaction.NOTHING_HELD;
        // with no hold to ask, the page's subjects are not needed
        ExpiredSelect select = expiredSelect(nothingHeld ? q.withoutSubject() : q, List.of());
        List<ColumnSchema> keyColumns = select.key().columns();
        StringBuilder names = new StringBuilder();
        StringBuilder target = new StringBuilder();
        StringBuilder descending = new StringBuilder();
        for (int i = 0; i < keyColumns.size(); i++) {
            names.append(i == 0 ? "ck_k" : ", ck_k").append(i);
            target.append(i == 0 ? "" : ", ").append(where.ref(keyColumns.get(i)));
            descending.append(i == 0 ? "ck_k" : ", ck_k").append(i).append(" DESC");
        }
        String order = names.toString();
        if (select.subject() != null) {
            names.append(", ck_s");
        }
        String tuple = keyColumns.size() == 1 ? target.toString() : "(" + target + ")";
        SqlText sql = new SqlText().append("WITH p(" + names + ") AS (").append(select.sql()).append("), l AS (SELECT "
                + order + " FROM p ORDER BY " + descending + " LIMIT 1), u AS (UPDATE "
                + dialect.scanTarget(store.qualified(t)) + " AS ck_t SET ");
        List<PiiField> fields = mapping.erasedFields();
        for (int i = 0; i < fields.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(constantAssignment(t, where, fields.get(i), context));
        }
        sql.append(" WHERE " + tuple + " <= (SELECT " + order + " FROM l) AND ").append(expiredFilter(q, "ck_t"));
        if (nothingHeld) {
            // the page's last key and counts only: sending every key back costs as much as a third of the batch
            sql.append(" RETURNING 1) SELECT l.*, (SELECT count(*) FROM p), (SELECT count(*) FROM u) FROM l");
            try (PreparedStatement ps = sql.prepare(connection, dialect); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return ExpiredPage.NONE;
                }
                int n = keyColumns.size();
                return new ExpiredPage(rs.getInt(n + 1), 0, rs.getLong(n + 2), select.key().read(rs, 1));
            } catch (SQLException e) {
                throw SqlFailure.of("anonymizing expired rows of table " + t.name() + " failed", e);
            }
        }
        sql.append(" RETURNING 1) SELECT p.*, (SELECT count(*) FROM u) FROM p ORDER BY " + order);
        List<MatchedRow> page = new ArrayList<>();
        long changed = 0;
        try (PreparedStatement ps = sql.prepare(connection, dialect); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                page.add(select.match(rs));
                changed = rs.getLong(select.firstExtra());
            }
        } catch (SQLException e) {
            throw SqlFailure.of("anonymizing expired rows of table " + t.name() + " failed", e);
        }
        if (page.isEmpty()) {
            return ExpiredPage.NONE;
        }
        Set<RowKey> held = holds.apply(page);
        if (page.stream().noneMatch(r -> held.contains(r.key()))) {
            return new ExpiredPage(page.size(), 0, changed, page.get(page.size() - 1).key());
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw SqlFailure.of("undoing a batch of table " + t.name() + " that holds rows under a legal hold failed", e);
        }
        return StoreTransaction.super.expire(q, RowAction.ANONYMIZE, mapping, context, holds);
    }

    /**
     * The page and its stored values in one locking SELECT; the values computed in Java; one UPDATE. Where the
     * dialect binds each column's values as one array, fields whose strategy ignores the value are set by constants
     * in that UPDATE instead of being read and sent back for every row.
     */
    private ExpiredPage expireComputed(ExpiryQuery q, TableMapping mapping, ErasureContext context,
            Function<List<MatchedRow>, Set<RowKey>> holds) {
        TableSchema t = store.table(mapping.table());
        ConditionSql where = new ConditionSql(dialect, t, null);
        KeySql key = new KeySql(dialect, t, null, "anonymization");
        List<PiiField> computed = mapping.erasedFields().stream().filter(f -> f.strategy().dependsOnValue()).toList();
        List<ColumnSchema> computedColumns = computed.stream().map(f -> where.column(f.column())).toList();
        boolean constantsInline = dialect.bindsColumnArrays(key.columns(), computedColumns);
        List<PiiField> fields = constantsInline ? computed : mapping.erasedFields();
        List<ColumnSchema> cols = fields.stream().map(f -> where.column(f.column())).toList();
        List<SqlText> constants = new ArrayList<>();
        if (constantsInline) {
            ConditionSql target = new ConditionSql(dialect, t, Dialect.UPDATE_FROM_ROWS_ALIAS);
            for (PiiField f : mapping.erasedFields()) {
                if (!f.strategy().dependsOnValue()) {
                    constants.add(constantAssignment(t, target, f, context));
                }
            }
        }
        boolean nothingHeld = holds == StoreTransaction.NOTHING_HELD;
        ExpiredSelect select = expiredSelect(nothingHeld ? q.withoutSubject() : q, cols);
        List<MatchedRow> page = new ArrayList<>();
        List<Object[]> stored = new ArrayList<>();
        try {
            try (PreparedStatement ps = new SqlText().append(select.sql()).append(" FOR UPDATE").prepare(connection, dialect);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(select.match(rs));
                    Object[] v = new Object[cols.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = dialect.read(rs, select.firstExtra() + i, cols.get(i));
                    }
                    stored.add(v);
                }
            }
            if (page.isEmpty()) {
                return ExpiredPage.NONE;
            }
            Set<RowKey> held = holds.apply(page);
            List<RowKey> keys = new ArrayList<>(page.size());
            List<Object[]> values = new ArrayList<>(page.size());
            for (int r = 0; r < page.size(); r++) {
                RowKey k = page.get(r).key();
                if (held.contains(k)) {
                    continue;
                }
                Object[] v = stored.get(r);
                for (int i = 0; i < v.length; i++) {
                    v[i] = checked(t, cols.get(i), fields.get(i).strategy().apply(v[i], context));
                }
                keys.add(k);
                values.add(v);
            }
            if (constantsInline) {
                if (!keys.isEmpty()) {
                    try (PreparedStatement ps = dialect.updateFromColumnArrays(dialect.scanTarget(store.qualified(t)),
                            key.columns(), cols, rows(key, keys, values), constants).prepare(connection, dialect)) {
                        ps.executeUpdate();
                    }
                }
            } else {
                writeComputed(dialect.scanTarget(store.qualified(t)), key, cols, keys, values);
            }
            return new ExpiredPage(page.size(), page.size() - keys.size(), keys.size(), page.get(page.size() - 1).key());
        } catch (SQLException e) {
            throw SqlFailure.of("anonymizing expired rows of table " + t.name() + " failed", e);
        }
    }

    /**
     * Reads the not-yet-erased rows' values, computes each field's erased value in Java (HASH and custom
     * strategies need the stored value) and writes them back in one statement joining the table to the computed
     * rows where the dialect has one, else as a JDBC batch of single-row updates.
     */
    private int updateRowByRow(TableSchema t, String target, KeySql key, ConditionSql where, List<PiiField> fields,
            SqlText filter, ErasureContext context) throws SQLException {
        List<ColumnSchema> cols = fields.stream().map(f -> where.column(f.column())).toList();
        StringBuilder select = new StringBuilder("SELECT ").append(key.list());
        for (ColumnSchema c : cols) {
            select.append(", ").append(where.ref(c));
        }
        SqlText query = new SqlText().append(select + " FROM " + target + " WHERE ").append(filter).append(" FOR UPDATE");
        List<RowKey> keys = new ArrayList<>();
        List<Object[]> values = new ArrayList<>();
        try (PreparedStatement ps = query.prepare(connection, dialect); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(key.read(rs, 1));
                Object[] v = new Object[cols.size()];
                for (int i = 0; i < v.length; i++) {
                    Object old = dialect.read(rs, key.columns().size() + 1 + i, cols.get(i));
                    v[i] = checked(t, cols.get(i), fields.get(i).strategy().apply(old, context));
                }
                values.add(v);
            }
        }
        writeComputed(target, key, cols, keys, values);
        return keys.size();
    }

    /**
     * Writes each row's computed values ({@code values}, in {@code cols} order) to the row with the same index in
     * {@code keys}: in one statement per parameter-limited part where the dialect has one, else as a JDBC batch.
     */
    private void writeComputed(String target, KeySql key, List<ColumnSchema> cols, List<RowKey> keys,
            List<Object[]> values) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        List<Object[]> rows = rows(key, keys, values);
        // column arrays are one parameter each, however many rows
        int perStatement = dialect.bindsColumnArrays(key.columns(), cols) ? rows.size()
                : Math.max(1, MAX_PARAMETERS / rows.get(0).length);
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + perStatement));
            SqlText oneStatement = dialect.updateFromRows(target, key.columns(), cols, part);
            if (oneStatement == null) {
                updateEachRow(target, key, cols, part);
            } else {
                try (PreparedStatement ps = oneStatement.prepare(connection, dialect)) {
                    ps.executeUpdate();
                }
            }
        }
    }

    /** Each row's key values followed by its new values. */
    private static List<Object[]> rows(KeySql key, List<RowKey> keys, List<Object[]> values) {
        int k = key.columns().size();
        List<Object[]> rows = new ArrayList<>(keys.size());
        for (int r = 0; r < keys.size(); r++) {
            Object[] row = new Object[k + values.get(r).length];
            for (int i = 0; i < k; i++) {
                row[i] = keys.get(r).values().get(i);
            }
            System.arraycopy(values.get(r), 0, row, k, values.get(r).length);
            rows.add(row);
        }
        return rows;
    }

    /** Writes {@code rows} (key values, then new values) as a JDBC batch of single-row updates. */
    private void updateEachRow(String target, KeySql key, List<ColumnSchema> cols, List<Object[]> rows)
            throws SQLException {
        int k = key.columns().size();
        StringBuilder set = new StringBuilder();
        for (ColumnSchema c : cols) {
            set.append(set.length() == 0 ? "" : ", ").append(dialect.quote(c.name())).append(" = ?");
        }
        SqlText update = new SqlText().append("UPDATE " + target + " SET " + set + " WHERE ")
                .append(key.equalTo(new RowKey(java.util.Arrays.asList(rows.get(0)).subList(0, k))));
        try (PreparedStatement ps = update.prepare(connection, dialect)) {
            for (Object[] row : rows) {
                for (int i = 0; i < cols.size(); i++) {
                    dialect.bind(ps, i + 1, row[k + i], cols.get(i));
                }
                for (int i = 0; i < k; i++) {
                    dialect.bind(ps, cols.size() + 1 + i, row[i], key.columns().get(i));
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * {@code col = ?} for a strategy that ignores the value; {@code col = CASE WHEN col IS NULL THEN ? ELSE ? END}
     * when it treats NULL apart (REDACT leaves NULL as it is). Any non-null input gives the same output, so the
     * empty string stands for all of them.
     */
    private SqlText constantAssignment(TableSchema t, ConditionSql where, PiiField f, ErasureContext context) {
        ColumnSchema c = where.column(f.column());
        Object forValue = checked(t, c, f.strategy().apply("", context));
        Object forNull = f.strategy().apply(null, context);
        // the column set is never qualified (PostgreSQL would read "alias.column" as a field of a composite)
        SqlText sql = new SqlText().append(dialect.quote(c.name()) + " = ");
        if (java.util.Objects.equals(forValue, forNull)) {
            return sql.bind(forValue, c);
        }
        return sql.append("CASE WHEN " + where.ref(c) + " IS NULL THEN ").bind(forNull, c).append(" ELSE ")
                .bind(forValue, c).append(" END");
    }

    private static Object checked(TableSchema t, ColumnSchema c, Object value) {
        if (value == null && !c.nullable()) {
            throw new StorageException("column " + t.name() + "." + c.name() + " is NOT NULL; use REDACT or HASH instead of NULL");
        }
        return value;
    }

    @Override
    public int delete(String table, List<RowKey> keys) {
        used = true;
        TableSchema t = store.table(table);
        if (keys.isEmpty()) {
            return 0;
        }
        KeySql key = new KeySql(dialect, t, null, "deletion");
        String target = dialect.scanTarget(store.qualified(t));
        int deleted = 0;
        for (List<RowKey> chunk : chunks(key, keys)) {
            SqlText sql = new SqlText().append("DELETE FROM " + target + " WHERE ").append(key.in(chunk));
            Savepoint sp = null;
            try {
                sp = connection.setSavepoint();
                try (PreparedStatement ps = sql.prepare(connection, dialect)) {
                    deleted += ps.executeUpdate();
                }
                connection.releaseSavepoint(sp);
            } catch (SQLException e) {
                if (sp != null && SqlFailure.isConstraintViolation(e)) {
                    throw blockingReference(t, chunk, sp, e);
                }
                throw SqlFailure.of("deleting rows of table " + t.name() + " failed", e);
            }
        }
        return deleted;
    }

    /** Names the foreign key and referencing table that keep {@code keys} of {@code parent} from going away. */
    private StorageException blockingReference(TableSchema parent, List<RowKey> keys, Savepoint sp, SQLException cause) {
        try {
            connection.rollback(sp);
            for (TableSchema child : store.describe().tables()) {
                for (ForeignKey fk : child.foreignKeys()) {
                    if (!fk.referencedTable().equalsIgnoreCase(parent.name())
                            || !store.schema().blocksDelete(child.name(), fk.name()) || !references(child, fk, parent, keys)) {
                        continue;
                    }
                    return new StorageException("cannot delete from " + parent.name() + ": foreign key " + fk.name()
                            + " of table " + child.name() + " still refers to the rows; erase the " + child.name()
                            + " rows first or give the foreign key ON DELETE CASCADE or SET NULL", cause);
                }
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
        return SqlFailure.of("deleting rows of table " + parent.name() + " violates a constraint", cause);
    }

    private boolean references(TableSchema child, ForeignKey fk, TableSchema parent, List<RowKey> keys) throws SQLException {
        ConditionSql c = new ConditionSql(dialect, child, "c");
        ConditionSql p = new ConditionSql(dialect, parent, "p");
        String fkCols = String.join(", ", fk.columns().stream().map(x -> c.ref(c.column(x))).toList());
        String refCols = String.join(", ", fk.referencedColumns().stream().map(x -> p.ref(p.column(x))).toList());
        boolean multi = fk.columns().size() > 1;
        SqlText sql = new SqlText().append("SELECT 1 FROM " + store.qualified(child) + " c WHERE "
                + (multi ? "(" + fkCols + ")" : fkCols) + " IN (SELECT " + refCols + " FROM " + store.qualified(parent)
                + " p WHERE ").append(new KeySql(dialect, parent, "p", "deletion").in(keys)).append(")");
        try (PreparedStatement ps = sql.prepare(connection, dialect); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private List<List<RowKey>> chunks(KeySql key, List<RowKey> keys) {
        if (key.bindsOneArray()) {
            return List.of(keys);
        }
        int size = store.batchSize();
        List<List<RowKey>> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += size) {
            out.add(keys.subList(i, Math.min(keys.size(), i + size)));
        }
        return out;
    }
}
