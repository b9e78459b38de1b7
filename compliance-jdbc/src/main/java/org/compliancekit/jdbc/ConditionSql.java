package org.compliancekit.jdbc;

import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.ErasedForm;
import org.compliancekit.pii.PiiField;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.Condition;
import org.compliancekit.store.TableSchema;

/**
 * Translates {@link Condition}s and "not yet erased" tests into SQL over one table alias, values as bound
 * parameters. Columns are resolved against the schema; the SQL names them as the database spelled them.
 */
final class ConditionSql {
    private final Dialect dialect;
    private final TableSchema table;
    private final String alias;

    ConditionSql(Dialect dialect, TableSchema table, String alias) {
        this.dialect = dialect;
        this.table = table;
        this.alias = alias;
    }

    ColumnSchema column(String name) {
        return table.column(name).orElseThrow(() -> new ConfigurationException("column " + table.name() + "."
                + name + " does not exist in the data store; check the name in the map or rule"));
    }

    /** The column as SQL: qualified by the alias, or bare when there is none (UPDATE targets). */
    String ref(ColumnSchema c) {
        return alias == null ? dialect.quote(c.name()) : alias + "." + dialect.quote(c.name());
    }

    SqlText condition(Condition c) {
        SqlText sql = new SqlText();
        // Java 17 has no pattern matching in switch; the chain covers every permitted subtype.
        if (c instanceof Condition.In in) {
            ColumnSchema col = column(in.column());
            sql.append(ref(col)).append(" IN (");
            for (int i = 0; i < in.values().size(); i++) {
                sql.append(i == 0 ? "" : ", ").bind(in.values().get(i), col);
            }
            sql.append(")");
        } else if (c instanceof Condition.IsTrue x) {
            ColumnSchema col = column(x.column());
            sql.append(ref(col)).append(" = ").bind(Boolean.TRUE, col);
        } else if (c instanceof Condition.IsFalse x) {
            ColumnSchema col = column(x.column());
            sql.append(ref(col)).append(" = ").bind(Boolean.FALSE, col);
        } else if (c instanceof Condition.IsNull x) {
            sql.append(ref(column(x.column()))).append(" IS NULL");
        } else if (c instanceof Condition.IsNotNull x) {
            sql.append(ref(column(x.column()))).append(" IS NOT NULL");
        } else if (c instanceof Condition.And and) {
            if (and.parts().isEmpty()) {
                return sql.append("1 = 1");
            }
            join(sql, and.parts(), " AND ");
        } else if (c instanceof Condition.Or or) {
            join(sql, or.parts(), " OR ");
        } else {
            throw new IllegalStateException("unknown condition " + c.getClass().getName());
        }
        return sql;
    }

    private void join(SqlText sql, java.util.List<Condition> parts, String operator) {
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "(" : operator).append("(").append(condition(parts.get(i))).append(")");
        }
        sql.append(")");
    }

    /**
     * True while at least one of {@code fields} is not yet in its strategy's erased form; false for no fields
     * that can change.
     */
    SqlText pending(java.util.List<PiiField> fields) {
        SqlText sql = new SqlText().append("(");
        boolean any = false;
        for (PiiField f : fields) {
            SqlText notErased = notErased(column(f.column()), f.strategy().erasedForm());
            if (notErased != null) {
                sql.append(any ? " OR " : "").append(notErased);
                any = true;
            }
        }
        return any ? sql.append(")") : new SqlText().append("1 = 0");
    }

    /** SQL true when the column's value is not in {@code form}; null when every value counts as erased. */
    private SqlText notErased(ColumnSchema col, ErasedForm form) {
        String ref = ref(col);
        if (form instanceof ErasedForm.IsNull) {
            return new SqlText().append(ref + " IS NOT NULL");
        } else if (form instanceof ErasedForm.EqualTo eq) {
            return new SqlText().append("(" + ref + " IS NOT NULL AND " + ref + " <> ").bind(eq.text(), col).append(")");
        } else if (form instanceof ErasedForm.StartsWith sw) {
            // '!' as the LIKE escape: a backslash means different things in MariaDB and standard string literals.
            String escaped = sw.prefix().replace("!", "!!").replace("%", "!%").replace("_", "!_");
            return new SqlText().append("(" + ref + " IS NOT NULL AND " + ref + " NOT LIKE ")
                    .bind(escaped + "%", ColumnSchema.of(col.name(), org.compliancekit.store.SqlType.TEXT, true))
                    .append(" ESCAPE '!')");
        } else if (form instanceof ErasedForm.Any) {
            return null;
        }
        throw new IllegalStateException("unknown erased form " + form.getClass().getName());
    }
}
