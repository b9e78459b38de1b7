package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.ForeignKey;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableId;
import org.compliancekit.store.TableSchema;

/**
 * Reads the tables, columns, keys and generated columns of one or more schemas from {@link DatabaseMetaData}.
 * Every identifier the store later puts into SQL comes from here.
 */
final class SchemaReader {
    private final Dialect dialect;

    SchemaReader(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * The schemas as the database describes them: the tables of {@code schema} under their own names, those of
     * {@code others} schema-qualified ({@link TableId}).
     *
     * @param schema the default schema (PostgreSQL, H2) or database (MariaDB) to read
     * @param others further schemas to read; the default one among them is ignored
     */
    JdbcSchema read(Connection c, String schema, List<String> others) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        List<String> schemas = new ArrayList<>();
        schemas.add(schema);
        others.stream().filter(o -> !o.equals(schema)).sorted().forEach(schemas::add);
        List<TableSchema> tables = new ArrayList<>();
        Set<String> nonBlocking = new HashSet<>();
        Set<String> generated = new HashSet<>();
        for (String in : schemas) {
            String catalog = dialect.metadataCatalog(in);
            String schemaPattern = pattern(md, dialect.metadataSchema(in));
            List<String> names = new ArrayList<>();
            try (ResultSet rs = md.getTables(catalog, schemaPattern, "%", dialect.tableTypes())) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            names.sort(null);
            Located at = new Located(schema, in, catalog, schemaPattern);
            for (String name : names) {
                tables.add(table(md, at, name, nonBlocking, generated));
            }
        }
        return new JdbcSchema(schema, new SchemaDescription(tables), nonBlocking, generated);
    }

    /**
     * Where a table lies: the store's default schema, the table's own schema and the metadata arguments naming it.
     */
    private record Located(String defaultSchema, String schema, String catalog, String schemaPattern) {
        String id(String table) {
            return new TableId(schema.equals(defaultSchema) ? null : schema, table).id();
        }

        /** The name of a referenced table, by the schema (or catalog) metadata reports for it. */
        String referenced(String refCatalog, String refSchema, String table) {
            String in = refSchema != null ? refSchema : refCatalog != null ? refCatalog : schema;
            return new TableId(in.equals(defaultSchema) ? null : in, table).id();
        }
    }

    private TableSchema table(DatabaseMetaData md, Located at, String name, Set<String> nonBlocking,
            Set<String> generated) throws SQLException {
        String catalog = at.catalog();
        String schemaPattern = at.schemaPattern();
        String schema = dialect.metadataSchema(at.schema());
        String id = at.id(name);
        List<ColumnSchema> columns = new ArrayList<>();
        try (ResultSet rs = md.getColumns(catalog, schemaPattern, pattern(md, name), "%")) {
            TreeMap<Integer, ColumnSchema> byPosition = new TreeMap<>();
            while (rs.next()) {
                if (!name.equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                ColumnSchema column = column(rs);
                byPosition.put(rs.getInt("ORDINAL_POSITION"), column);
                if ("YES".equalsIgnoreCase(rs.getString("IS_GENERATEDCOLUMN")) && !column.autoIncrement()) {
                    generated.add(JdbcSchema.columnId(id, column.name()));
                }
            }
            columns.addAll(dialect.refineColumns(md.getConnection(), catalog != null ? catalog : schema, name,
                    List.copyOf(byPosition.values())));
        }
        TreeMap<Integer, String> pk = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(catalog, schema, name)) {
            while (rs.next()) {
                pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        Map<String, TreeMap<Integer, String[]>> fks = new LinkedHashMap<>();
        Map<String, String> fkTarget = new LinkedHashMap<>();
        try (ResultSet rs = md.getImportedKeys(catalog, schema, name)) {
            while (rs.next()) {
                String fkName = String.valueOf(rs.getString("FK_NAME"));
                fks.computeIfAbsent(fkName, k -> new TreeMap<>())
                        .put(rs.getInt("KEY_SEQ"), new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME")});
                fkTarget.put(fkName, at.referenced(rs.getString("PKTABLE_CAT"), rs.getString("PKTABLE_SCHEM"),
                        rs.getString("PKTABLE_NAME")));
                int rule = rs.getInt("DELETE_RULE");
                if (rule == DatabaseMetaData.importedKeyCascade || rule == DatabaseMetaData.importedKeySetNull
                        || rule == DatabaseMetaData.importedKeySetDefault) {
                    nonBlocking.add(JdbcSchema.foreignKeyId(id, fkName));
                }
            }
        }
        List<ForeignKey> foreignKeys = new ArrayList<>();
        fks.forEach((fkName, cols) -> foreignKeys.add(new ForeignKey(fkName,
                cols.values().stream().map(x -> x[0]).toList(), fkTarget.get(fkName),
                cols.values().stream().map(x -> x[1]).toList())));
        return new TableSchema(id, columns, List.copyOf(pk.values()), foreignKeys);
    }

    private ColumnSchema column(ResultSet rs) throws SQLException {
        String name = rs.getString("COLUMN_NAME");
        int jdbcType = rs.getInt("DATA_TYPE");
        String typeName = rs.getString("TYPE_NAME");
        int size = rs.getInt("COLUMN_SIZE");
        SqlType type = dialect.typeOf(jdbcType, typeName, size);
        if (jdbcType == Types.DISTINCT) {
            // A domain: typed as its base type, so a domain over text can be redacted like text.
            int base = rs.getInt("SOURCE_DATA_TYPE");
            if (!rs.wasNull() && Dialect.byJdbcType(base) != SqlType.OTHER) {
                type = Dialect.byJdbcType(base);
            }
        }
        int scale = rs.getInt("DECIMAL_DIGITS");
        boolean sized = type == SqlType.TEXT || type == SqlType.BINARY || type == SqlType.DECIMAL;
        boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
        boolean generated = "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"));
        SqlType element = type == SqlType.ARRAY ? dialect.elementTypeOf(typeName) : null;
        return new ColumnSchema(name, type, typeName,
                nullable, sized && size > 0 && size < Integer.MAX_VALUE ? size : 0,
                type == SqlType.DECIMAL ? Math.max(scale, 0) : 0, element, generated);
    }

    /** A metadata search pattern matching exactly {@code name}: its {@code _} and {@code %} escaped. */
    private static String pattern(DatabaseMetaData md, String name) throws SQLException {
        if (name == null) {
            return null;
        }
        String esc = md.getSearchStringEscape();
        if (esc == null || esc.isEmpty()) {
            return name;
        }
        return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }
}
