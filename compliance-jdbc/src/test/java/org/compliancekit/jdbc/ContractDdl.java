package org.compliancekit.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.ForeignKey;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.TableSchema;

/** Turns a portable schema (the contract suite's) into CREATE TABLE statements for one test database. */
final class ContractDdl {
    private ContractDdl() {
    }

    /** Names are quoted, so H2 keeps them lower-case as the contract spells them. */
    static String[] create(TestDatabase kind, SchemaDescription schema) {
        DatabaseProduct p = switch (kind) {
            case H2 -> DatabaseProduct.H2;
            case POSTGRES -> DatabaseProduct.POSTGRESQL;
            case MARIADB -> DatabaseProduct.MARIADB;
        };
        List<String> out = new ArrayList<>();
        for (TableSchema t : schema.tables()) {
            StringBuilder sb = new StringBuilder("CREATE TABLE ").append(p.quote(t.name())).append(" (");
            for (ColumnSchema c : t.columns()) {
                sb.append(p.quote(c.name())).append(' ').append(type(kind, c)).append(c.nullable() ? " NULL" : " NOT NULL").append(", ");
            }
            sb.append("PRIMARY KEY (").append(names(p, t.primaryKey())).append(")");
            for (ForeignKey fk : t.foreignKeys()) {
                sb.append(", CONSTRAINT ").append(p.quote(fk.name())).append(" FOREIGN KEY (").append(names(p, fk.columns()))
                        .append(") REFERENCES ").append(p.quote(fk.referencedTable())).append(" (")
                        .append(names(p, fk.referencedColumns())).append(")");
            }
            out.add(sb.append(")").toString());
        }
        return out.toArray(String[]::new);
    }

    private static String names(DatabaseProduct p, List<String> names) {
        return String.join(", ", names.stream().map(p::quote).toList());
    }

    private static String type(TestDatabase kind, ColumnSchema c) {
        return switch (c.type()) {
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case DECIMAL -> "DECIMAL(" + c.size() + ", " + c.scale() + ")";
            case REAL -> "REAL";
            case DOUBLE -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case TEXT -> c.size() > 0 ? "VARCHAR(" + c.size() + ")" : "TEXT";
            case DATE -> "DATE";
            case TIME -> "TIME";
            // MariaDB's TIMESTAMP updates itself on writes; DATETIME is the plain local timestamp.
            case TIMESTAMP -> kind == TestDatabase.MARIADB ? "DATETIME(6)" : "TIMESTAMP";
            case TIMESTAMP_TZ -> "TIMESTAMP WITH TIME ZONE";
            case UUID -> "UUID";
            case BINARY -> kind == TestDatabase.POSTGRES ? "BYTEA" : "VARBINARY(1000)";
            case JSON -> "JSON";
            default -> throw new IllegalArgumentException("no DDL for " + c.type() + " in the contract schema");
        };
    }
}
