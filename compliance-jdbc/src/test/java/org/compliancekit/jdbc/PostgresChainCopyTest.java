package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancekit.audit.AuditChain;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.audit.ChainBreak.Reason;
import org.compliancekit.audit.ChainRow;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;

/**
 * The copy reader PostgreSQL verification uses must decode every row exactly as the result-set reader the other
 * databases use: same strings, same NULLs, same instants, whatever the content and wherever the stream is cut.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresChainCopyTest {

    private static final String ODD = "quote \" apostrophe ' backslash \\ \\N \\t tab\tnewline\ncr\rbell\u0007"
            + "\b\f\u000b nul-free unicode ü ß 日本語 🙂 end\\";

    private final AuditTestTables db = new AuditTestTables(TestDatabase.POSTGRES);
    private final String table = AuditTestTables.newTable();
    private final List<ChainRow> stored = new ArrayList<>();
    private AuditTables tables;

    @BeforeAll
    void storeOddChain() {
        tables = new AuditTables(db.dataSource(), new AuditSql(DatabaseProduct.POSTGRESQL, table)).prepare(true);
        Instant[] times = {Instant.EPOCH, Instant.parse("2026-05-05T12:00:00.000001Z"),
            Instant.parse("2026-05-05T12:00:00.120000Z"), Instant.parse("0999-12-31T23:59:59.999999Z"),
            Instant.parse("+12345-06-07T08:09:10.5Z")};
        String previous = AuditChain.GENESIS_HASH;
        for (int i = 0; i < 12; i++) {
            ChainRow row = AuditChain.link(i + 1, times[i % times.length], event(i), previous);
            stored.add(row);
            previous = row.hash();
        }
        String head = previous;
        tables.inTransaction("test", c -> {
            tables.insert(c, stored, 5);
            tables.moveHead(c, stored.size(), head);
            return null;
        });
    }

    @AfterAll
    void close() {
        db.close();
    }

    @Test
    void copyAndResultSetReadTheSameRowsAsStored() {
        List<ChainRow> byCopy = tables.inSnapshot("test", c -> {
            List<ChainRow> out = new ArrayList<>();
            PostgresChainCopy.read(c, tables.sql().copyRowsFrom(0, null), true, out::add);
            return out;
        });
        List<ChainRow> byResultSet = tables.inSnapshot("test", c -> resultSet(c, 0));

        assertThat(byResultSet).isEqualTo(stored);
        assertThat(byCopy).isEqualTo(byResultSet);
        assertThat(byCopy.get(1).actor()).isNull();
        assertThat(byCopy.get(11).detailsJson()).hasSizeGreaterThan(200_000);
        assertThat(byCopy.get(0).personalJson()).contains("\"value\":");
        assertThat(byCopy.get(1).personalJson()).isNull();
        assertThat(byCopy).extracting(ChainRow::version).containsOnly(2);
    }

    @Test
    void decodesTheSameWhateverWhereTheStreamIsCut() throws Exception {
        byte[] stream = tables.inSnapshot("test", c -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyOut(tables.sql().copyRowsFrom(0, null), out);
            } catch (java.io.IOException e) {
                throw new SQLException(e);
            }
            return out.toByteArray();
        });
        for (int cut : new int[] {1, 7, 4096, stream.length}) {
            PostgresChainCopy decoder = new PostgresChainCopy(true);
            List<ChainRow> rows = new ArrayList<>();
            for (int at = 0; at < stream.length; at += cut) {
                byte[] chunk = java.util.Arrays.copyOfRange(stream, at, Math.min(stream.length, at + cut));
                assertThat(decoder.feed(chunk, rows::add)).isTrue();
            }
            assertThat(rows).as("chunks of %d bytes", cut).isEqualTo(stored);
        }
    }

    @Test
    void aStreamInAnotherFormatIsRefused() {
        byte[] text = "1\t2026-05-05 12:00:00\tt\tcompleted\t\\N\ts\t{}\t0\tf\tp\th\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new PostgresChainCopy(true).feed(text, row -> true))
                .isInstanceOf(SQLException.class).hasMessageContaining("binary copy format");
    }

    @Test
    void stopsWhenTheSinkDoesAndLeavesTheTransactionUsable() {
        long[] seen = {0};
        long decoded = tables.inSnapshot("test", c -> {
            long n = PostgresChainCopy.read(c, tables.sql().copyRowsFrom(0, null), true, row -> ++seen[0] < 3);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
            return n;
        });

        assertThat(seen[0]).isEqualTo(3);
        assertThat(decoded).isEqualTo(3);
    }

    @Test
    void boundedRangeReadsOnlyItsRows() {
        List<ChainRow> rows = tables.inSnapshot("test", c -> {
            List<ChainRow> out = new ArrayList<>();
            PostgresChainCopy.read(c, tables.sql().copyRowsFrom(2, 5L), true, out::add);
            return out;
        });

        assertThat(rows).extracting(ChainRow::sequence).containsExactly(3L, 4L, 5L);
    }

    @Test
    void theLogVerifiesTheOddChainThroughCopy() {
        JdbcAuditLog log = JdbcAuditLog.builder(db.dataSource()).withTable(table).withClock(Clock.systemUTC())
                .withFetchSize(5).build();

        AuditVerification v = log.verify();

        assertThat(v.valid()).isTrue();
        assertThat(v.recordsChecked()).isEqualTo(stored.size());
    }

    @Test
    void anAlteredTimestampTheCopyCannotReadIsReportedAsThatRowsMismatch() {
        String other = AuditTestTables.newTable();
        JdbcAuditLog log = JdbcAuditLog.builder(db.dataSource()).withTable(other).withAutoCreate(true)
                .withClock(Clock.systemUTC()).build();
        for (int i = 0; i < 3; i++) {
            log.append(event(i));
        }
        db.execute("UPDATE " + other + " SET occurred_at = 'infinity' WHERE seq = 2");

        AuditVerification v = log.verify();

        assertThat(v.firstBreak()).isNotNull();
        assertThat(v.firstBreak().sequence()).isEqualTo(2);
        assertThat(v.firstBreak().reason()).isEqualTo(Reason.HASH_MISMATCH);
    }

    private List<ChainRow> resultSet(Connection c, long after) throws SQLException {
        List<ChainRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(tables.sql().rowsFrom(false))) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(tables.row(rs));
                }
            }
        }
        return out;
    }

    private static AuditEvent event(int i) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("text", ODD);
        details.put("n", i);
        details.put(ODD, List.of(ODD, i));
        if (i == 11) {
            details.put("large", ODD.repeat(4000));
        }
        String actor = i % 3 == 1 ? null : "actor\t" + ODD;
        return new AuditEvent("type_" + i, i % 2 == 0 ? AuditStatus.COMPLETED : AuditStatus.FAILED, actor,
                "summary " + ODD, details, Duration.ofNanos(i * 1_234_567L), i % 2 == 0,
                i % 2 == 0 ? Map.of("ip", ODD, "user_agent", "agent " + i) : Map.of());
    }
}
