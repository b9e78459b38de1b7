package org.compliancekit.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditStatus;

/**
 * The SQL of {@link JdbcAuditLog} for one database product and table name. The three tables share the configured
 * name as prefix: {@code <table>}, {@code <table>_head}, {@code <table>_checkpoint}.
 */
final class AuditSql {

    static final String DDL_TABLE_NAME = "compliance_audit";
    /** The columns of a table created before chain format version 2, in the order {@link AuditTables#row} reads. */
    static final String COLUMNS_V1 =
            "seq, occurred_at, event_type, status, actor, summary, details, duration_nanos, dry_run, prev_hash, hash";
    /** Every row column, in the order {@link AuditTables#row} reads. */
    static final String COLUMNS = COLUMNS_V1 + ", chain_version, personal";

    private final DatabaseProduct product;
    private final String tableName;
    private final String table;
    private final String head;
    private final String checkpoints;
    private final boolean personalColumns;

    AuditSql(DatabaseProduct product, String tableName) {
        this(product, tableName, true);
    }

    private AuditSql(DatabaseProduct product, String tableName, boolean personalColumns) {
        this.product = product;
        this.tableName = tableName;
        this.table = identifier(tableName);
        this.head = identifier(tableName + "_head");
        this.checkpoints = identifier(tableName + "_checkpoint");
        this.personalColumns = personalColumns;
    }

    /**
     * The SQL for a table created before chain format version 2 (no {@code chain_version} and {@code personal}
     * columns): reads its rows as version 1; only for verifying, never for writing.
     */
    AuditSql withoutPersonalColumns() {
        return new AuditSql(product, tableName, false);
    }

    /** Whether the table has the version 2 columns. */
    boolean personalColumns() {
        return personalColumns;
    }

    /** The row columns this table has, in the order {@link AuditTables#row} reads. */
    String columns() {
        return personalColumns ? COLUMNS : COLUMNS_V1;
    }

    DatabaseProduct product() {
        return product;
    }

    /** The table name as configured, for messages. */
    String tableName() {
        return tableName;
    }

    /** The classpath resource holding this product's DDL. */
    String ddlResource() {
        return "audit-" + (product.isMySqlFamily() ? "mysql" : product.name().toLowerCase(Locale.ROOT)) + ".sql";
    }

    /** The classpath resource adding the chain format version 2 columns to an older table. */
    String upgradeResource() {
        return ddlResource().replace("audit-", "audit-upgrade-2-");
    }

    /** The DDL statements for the configured table name, comments removed. */
    List<String> ddl() {
        return statements(ddlResource());
    }

    /** The statements adding the chain format version 2 columns to an older table. */
    List<String> upgrade() {
        return statements(upgradeResource());
    }

    /** Reads no row, but fails unless the table has the chain format version 2 columns. */
    String emptyPersonalRead() {
        return "SELECT chain_version, personal FROM " + table + " WHERE 1 = 0";
    }

    private List<String> statements(String resource) {
        String text;
        try (InputStream in = AuditSql.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource org/compliancekit/jdbc/" + resource + " is missing from "
                        + "the compliance-jdbc jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not read resource org/compliancekit/jdbc/" + resource, e);
        }
        String withoutComments = text.replaceAll("--[^\n]*", "");
        String renamed = withoutComments.replaceAll("\\b" + DDL_TABLE_NAME, Matcher.quoteReplacement(tableName));
        List<String> statements = new ArrayList<>();
        for (String s : renamed.split(";")) {
            if (!s.isBlank()) {
                statements.add(s.strip());
            }
        }
        return statements;
    }

    String lockHead() {
        return "SELECT head_seq, head_hash, genesis_seq, genesis_hash FROM " + head + " WHERE id = 1 FOR UPDATE";
    }

    String readHead() {
        return "SELECT head_seq, head_hash, genesis_seq, genesis_hash FROM " + head + " WHERE id = 1";
    }

    String updateHead() {
        return "UPDATE " + head + " SET head_seq = ?, head_hash = ? WHERE id = 1";
    }

    String updateGenesis() {
        return "UPDATE " + head + " SET genesis_seq = ?, genesis_hash = ? WHERE id = 1";
    }

    String insertRow() {
        return "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    String hashOf() {
        return "SELECT hash FROM " + table + " WHERE seq = ?";
    }

    /** Rows after the anchor in sequence order, optionally up to a bound. */
    String rowsFrom(boolean bounded) {
        return "SELECT " + columns() + " FROM " + table + " WHERE seq > ?" + (bounded ? " AND seq <= ?" : "")
                + " ORDER BY seq";
    }

    /**
     * PostgreSQL only: {@link #rowsFrom} as a {@code COPY ... TO STDOUT} in binary format. COPY takes no parameters,
     * so the bounds are written in; they are numbers, not caller text.
     */
    String copyRowsFrom(long after, Long upTo) {
        return "COPY (SELECT " + columns() + " FROM " + table + " WHERE seq > " + after
                + (upTo != null ? " AND seq <= " + upTo : "") + " ORDER BY seq) TO STDOUT (FORMAT binary)";
    }

    /** PostgreSQL only: for the rest of the transaction, read rows in index order rather than sorting them. */
    String preferIndexOrder() {
        return "SET LOCAL enable_sort = off";
    }

    /** Whether rows are read with {@link #copyRowsFrom} instead of a result set. */
    boolean readsByCopy() {
        return product == DatabaseProduct.POSTGRESQL;
    }

    String firstAtOrAfter() {
        return "SELECT MIN(seq) FROM " + table + " WHERE occurred_at >= ?";
    }

    String lowestSequence() {
        return "SELECT MIN(seq) FROM " + table;
    }

    String deleteRange() {
        return "DELETE FROM " + table + " WHERE seq > ? AND seq <= ?";
    }

    /**
     * Up to a limit of records after a sequence number whose personal text may still hold a value, optionally only
     * those that occurred before a time and whose text contains a string; parameters in that order, the limit last.
     */
    String personalRows(boolean before, boolean containing) {
        return "SELECT seq, personal FROM " + table + " WHERE seq > ? AND personal LIKE '%\"value\":%'"
                + (before ? " AND occurred_at < ?" : "") + (containing ? " AND personal LIKE ? ESCAPE '!'" : "")
                + " ORDER BY seq LIMIT ?";
    }

    /** {@code text} as a LIKE pattern matching any text that contains it, escaped with {@code !}. */
    static String containsPattern(String text) {
        return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    String rewritePersonal() {
        return "UPDATE " + table + " SET personal = ? WHERE seq = ?";
    }

    String insertCheckpoint() {
        return "INSERT INTO " + checkpoints + " (seq, head_hash, created_at, key_id, signature) VALUES (?, ?, ?, ?, ?)";
    }

    /** Reads no row, but fails unless the checkpoint table exists with its columns. */
    String emptyCheckpointRead() {
        return "SELECT seq, head_hash, created_at, key_id, signature FROM " + checkpoints + " WHERE 1 = 0";
    }

    String latestCheckpoint() {
        return "SELECT seq, head_hash, created_at, key_id, signature FROM " + checkpoints
                + " WHERE key_id = ? ORDER BY id DESC LIMIT 1";
    }

    String checkpointsFrom() {
        return "SELECT seq, head_hash, created_at, key_id, signature FROM " + checkpoints + " WHERE seq >= ? ORDER BY seq, id";
    }

    /** A page query; parameters are bound in the order of {@link #bindQuery}'s values. */
    String query(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + columns() + " FROM " + table + " WHERE 1 = 1");
        if (!q.types().isEmpty()) {
            sql.append(" AND event_type IN (").append(placeholders(q.types().size())).append(')');
        }
        if (!q.statuses().isEmpty()) {
            sql.append(" AND status IN (").append(placeholders(q.statuses().size())).append(')');
        }
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
        }
        if (q.from() != null) {
            sql.append(" AND occurred_at >= ?");
        }
        if (q.to() != null) {
            sql.append(" AND occurred_at < ?");
        }
        if (q.beforeSequence() != null) {
            sql.append(" AND seq < ?");
        }
        return sql.append(" ORDER BY seq DESC LIMIT ?").toString();
    }

    /** The values {@link #query} binds, in order (times still as instants, the limit last). */
    static List<Object> bindQuery(AuditQuery q) {
        List<Object> values = new ArrayList<>(q.types().stream().sorted().toList());
        q.statuses().stream().map(AuditStatus::wireName).sorted().forEach(values::add);
        if (q.actor() != null) {
            values.add(q.actor());
        }
        if (q.from() != null) {
            values.add(q.from());
        }
        if (q.to() != null) {
            values.add(q.to());
        }
        if (q.beforeSequence() != null) {
            values.add(q.beforeSequence());
        }
        values.add(q.limit());
        return values;
    }

    /** Every table this log uses, for messages. */
    Set<String> tables() {
        return Set.of(tableName, tableName + "_head", tableName + "_checkpoint");
    }

    // Quoting the name as the database folds an unquoted one keeps it equal to the unquoted names of the shipped DDL.
    private String identifier(String name) {
        String folded = switch (product) {
            case POSTGRESQL -> name.toLowerCase(Locale.ROOT);
            case H2 -> name.toUpperCase(Locale.ROOT);
            case MARIADB, MYSQL -> name;
        };
        return product.quote(folded);
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
