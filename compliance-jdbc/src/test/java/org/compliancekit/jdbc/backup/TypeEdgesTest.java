package org.compliancekit.jdbc.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.jdbc.backup.BackupHarness.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.backup.RestoreRequest;
import org.compliancekit.backup.RestoreResult;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values at the edges of each database's types, backed up and restored with the JVM in zones with daylight saving
 * time (one of them off the full hour): the target's text of every value equals the source's, as the database
 * itself prints it, so no conversion on the way can hide a difference.
 */
class TypeEdgesTest {

    static Stream<Arguments> databasesAndZones() {
        List<Arguments> out = new ArrayList<>();
        for (TestDatabase kind : TestDatabase.values()) {
            for (String zone : List.of("Europe/Berlin", "America/St_Johns")) {
                out.add(Arguments.of(kind, zone));
            }
        }
        return out.stream();
    }

    private static String[] schema(TestDatabase kind) {
        return switch (kind) {
            case POSTGRES -> new String[] {
                "CREATE TYPE mood AS ENUM ('sad', 'happy')",
                "CREATE DOMAIN pos AS numeric(10,2) CHECK (VALUE > 0)",
                "CREATE TABLE edge (id INT PRIMARY KEY, c_date DATE, c_ts TIMESTAMP, c_tstz TIMESTAMPTZ, "
                        + "c_ts_arr TIMESTAMP[], c_bit8 BIT(8), c_bit1 BIT(1), c_varbit BIT VARYING(20), "
                        + "c_int2d INT[], c_text2d TEXT[], c_num NUMERIC, c_money MONEY, c_interval INTERVAL, "
                        + "c_range TSRANGE, c_inet INET, c_cidr CIDR, c_xml XML, c_tsv TSVECTOR, c_mood mood, c_pos pos, "
                        + "c_smallint SMALLINT, c_bigint BIGINT)",
            };
            case MARIADB -> new String[] {
                "CREATE TABLE edge (id INT PRIMARY KEY, c_tiny1 TINYINT(1), c_bit8 BIT(8), c_bit1 BIT(1), "
                        + "c_time TIME, c_time6 TIME(6), c_dt DATETIME, c_year YEAR, c_ubig BIGINT UNSIGNED, "
                        + "c_json JSON, c_set SET('x','y'), c_enum ENUM('a','b'), c_tiny TINYINT UNSIGNED, "
                        + "c_geom GEOMETRY, c_virtual INT AS (id * 2) VIRTUAL)",
            };
            case H2 -> new String[] {
                "CREATE TABLE edge (id INT PRIMARY KEY, c_ts TIMESTAMP, c_time TIME, c_int2d INTEGER ARRAY ARRAY, "
                        + "c_tstz TIMESTAMP WITH TIME ZONE, c_num NUMERIC(40, 30), c_bigint BIGINT, c_tinyint TINYINT)",
            };
        };
    }

    private static String[] rows(TestDatabase kind) {
        return switch (kind) {
            case POSTGRES -> new String[] {
                "INSERT INTO edge VALUES (1, 'infinity', 'infinity', 'infinity', '{\"2024-03-31 02:30:00\",\"2024-03-10 02:30:00\"}', "
                        + "B'10101010', B'1', B'101', '{{1,2},{3,4}}', '{{\"a,b\",NULL},{\"}\",\"x\"}}', 'NaN', "
                        + "'1234.56', '-1 year 2 mons -3 days 04:05:06.789', '[2024-03-31 02:30,infinity)', '10.0.0.1/8', "
                        + "'192.168.0.0/16', '<a x=\"1\">t</a>', 'a:1 fat:2 cat:3', 'happy', 12.50, -32768, -9223372036854775808)",
                "INSERT INTO edge VALUES (2, '-infinity', '-infinity', '-infinity', '{}', B'00000000', B'0', B'', '{{{1}}}', "
                        + "'{}', '0.000000000000000000000000000000000001', '-0.01', '0', 'empty', '::1', '::/0', "
                        + "'<x/>', '', 'sad', 0.01, 32767, 9223372036854775807)",
                "INSERT INTO edge VALUES (3, '2024-03-31', '2024-03-31 02:30:00', '2024-03-31 01:30:00.000001+00', "
                        + "'{NULL,\"2024-10-27 02:30:00\"}', NULL, NULL, NULL, NULL, NULL, "
                        + "'123456789012345678901234567890.123456789012345678901234567890', NULL, NULL, NULL, "
                        + "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
                "INSERT INTO edge VALUES (4, '2024-03-10', '2024-03-10 02:30:00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                        + "'-Infinity', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
            };
            case MARIADB -> new String[] {
                "INSERT INTO edge (id, c_tiny1, c_bit8, c_bit1, c_time, c_time6, c_dt, c_year, c_ubig, c_json, c_set, "
                        + "c_enum, c_tiny, c_geom) VALUES "
                        + "(1, 1, b'10101010', b'1', '-838:59:59', '838:59:59.000000', '2024-03-31 02:30:00', 1901, "
                        + "18446744073709551615, '{\"b\": 1, \"a\": [1, 2.50]}', 'x,y', 'b', 255, ST_GeomFromText('POINT(1 2)')), "
                        + "(2, 0, b'00000001', b'0', '100:00:00', '-00:00:00.000001', '2024-03-10 02:30:00', 2155, "
                        + "9223372036854775808, '[]', '', 'a', 0, ST_GeomFromText('LINESTRING(0 0, 1 1)')), "
                        + "(3, NULL, NULL, NULL, '00:00:00', '23:59:59.999999', '2024-10-27 02:30:00', 0, 0, NULL, NULL, "
                        + "NULL, NULL, NULL), "
                        + "(4, 1, NULL, NULL, '24:00:00', NULL, '1000-01-01 00:00:00', NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
            };
            case H2 -> new String[] {
                "INSERT INTO edge VALUES (1, TIMESTAMP '2024-03-31 02:30:00', TIME '23:59:59', ARRAY[ARRAY[1, 2], ARRAY[3, NULL]], "
                        + "TIMESTAMP WITH TIME ZONE '2024-03-31 02:30:00+01:00', 0.000000000000000000000000000001, "
                        + "-9223372036854775808, -128)",
                "INSERT INTO edge VALUES (2, TIMESTAMP '2024-03-10 02:30:00', TIME '00:00:00', ARRAY[], "
                        + "TIMESTAMP WITH TIME ZONE '2024-03-10 02:30:00-03:30', 1234567890.123456789012345678901234567890, "
                        + "9223372036854775807, 127)",
            };
        };
    }

    @ParameterizedTest(name = "{0} with the JVM in {1}")
    @MethodSource("databasesAndZones")
    void edgeValuesComeBackExactly(TestDatabase kind, String zone) throws SQLException {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try (TestDatabase.Fresh source = kind.fresh(); TestDatabase.Fresh target = kind.fresh()) {
            source.execute(schema(kind));
            target.execute(schema(kind));
            source.execute(rows(kind));
            BackupHarness h = new BackupHarness();
            Backups backups = h.backups(store(source));

            BackupResult backup = backups.backup();

            assertThat(backup.failures()).isEmpty();
            assertThat(backup.status()).isEqualTo(BackupStatus.COMPLETED);
            RestoreResult restored = backups.restore(RestoreRequest.fromFolder(backup.folder()), store(target));
            assertThat(restored.error()).isNull();
            assertThat(text(target)).isEqualTo(text(source)).hasSize(rows(kind).length == 1 ? 4 : rows(kind).length);
        } finally {
            TimeZone.setDefault(before);
        }
    }

    /** Every value of the table as the database itself prints it, converted on the server, not by the driver. */
    private static List<String> text(TestDatabase.Fresh db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String> select = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT * FROM edge WHERE 1 = 0")) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    String name = rs.getMetaData().getColumnName(i);
                    String type = rs.getMetaData().getColumnTypeName(i).toUpperCase(java.util.Locale.ROOT);
                    select.add(switch (db.kind()) {
                        case POSTGRES -> name + "::text";
                        case MARIADB -> type.contains("BIT") || type.contains("BLOB") || type.contains("BINARY")
                                || type.contains("GEOMETRY") ? "HEX(" + name + ")" : "CAST(" + name + " AS CHAR)";
                        case H2 -> "CAST(" + name + " AS VARCHAR)";
                    });
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT " + String.join(", ", select) + " FROM edge ORDER BY id")) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        sb.append(select.get(i - 1)).append('=').append(rs.getString(i)).append("; ");
                    }
                    out.add(sb.toString());
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "TINYINT({0}) holding {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1, 2", "1, -1", "1, 127", "4, 2", "4, -128"})
    void aMariaDbTinyintIsBackedUpExactlyOrRefusedNamingTheColumn(int width, int value) throws SQLException {
        try (TestDatabase.Fresh source = TestDatabase.MARIADB.fresh(); TestDatabase.Fresh target = TestDatabase.MARIADB.fresh()) {
            String ddl = "CREATE TABLE flags (id INT PRIMARY KEY, c_flag TINYINT(" + width + "))";
            source.execute(ddl, "INSERT INTO flags VALUES (1, " + value + "), (2, 1), (3, 0)");
            target.execute(ddl);
            Backups backups = new BackupHarness().backups(store(source));

            BackupResult backup = backups.backup();

            if (width == 1) {
                assertThat(backup.status()).isEqualTo(BackupStatus.FAILED);
                assertThat(backup.failures()).singleElement().satisfies(f -> assertThat(f.error())
                        .contains("c_flag").contains("TINYINT(1)").doesNotContain(String.valueOf(value)));
                assertThat(backups.verify(backup.folder()).missingTables()).extracting(f -> f.table())
                        .containsExactly("flags");
            } else {
                assertThat(backup.status()).isEqualTo(BackupStatus.COMPLETED);
                assertThat(backups.restore(RestoreRequest.fromFolder(backup.folder()), store(target)).error()).isNull();
                try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT CAST(c_flag AS CHAR) FROM flags ORDER BY id")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(String.valueOf(value));
                }
            }
        }
    }
}
