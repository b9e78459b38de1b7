package org.compliancekit.jdbc.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.store.TableId;

/**
 * The sample-shaped fixtures under {@code samples/}: SQL scripts split into statements (with the command-line
 * clients' {@code DELIMITER} lines for bodies holding semicolons), and a dump of every table through plain JDBC,
 * independent of the store's own reading, to compare databases table by table.
 */
final class SampleDatabase {
    private SampleDatabase() {
    }

    /** Runs the script {@code samples/<name>} on {@code db}, statement by statement on one connection. */
    static void run(TestDatabase.Fresh db, String name) {
        db.execute(statements(read("samples/" + name)).toArray(String[]::new));
    }

    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        String delimiter = ";";
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
                continue;
            }
            if (current.length() == 0 && trimmed.toUpperCase(java.util.Locale.ROOT).startsWith("DELIMITER ")) {
                delimiter = trimmed.substring("DELIMITER ".length()).strip();
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(delimiter)) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - delimiter.length()).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException("script ends inside a statement: " + current);
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = SampleDatabase.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every named table's rows, each row as the driver's text of its columns (bytes as hex), sorted: equal dumps
     * mean equal tables. PostgreSQL reads each table's own rows ({@code ONLY}), as inheritance would otherwise
     * show a child's rows in its parent too.
     */
    static Map<String, List<String>> dump(TestDatabase.Fresh db, List<String> tables) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            String defaultSchema = db.kind() == TestDatabase.MARIADB ? c.getCatalog() : c.getSchema();
            for (String table : tables) {
                TableId id = TableId.parse(table);
                String sql = "SELECT * FROM " + (db.kind() == TestDatabase.POSTGRES ? "ONLY " : "")
                        + quote(db.kind(), id.inDefaultSchema() ? defaultSchema : id.schema()) + "."
                        + quote(db.kind(), id.table());
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(sql)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            Object v = rs.getObject(i);
                            row.append(v instanceof byte[] b ? "0x" + HexFormat.of().formatHex(b) : rs.getString(i))
                                    .append(" | ");
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                out.put(table, rows);
            }
        }
        return out;
    }

    private static String quote(TestDatabase kind, String name) {
        return kind == TestDatabase.MARIADB ? "`" + name.replace("`", "``") + "`"
                : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
