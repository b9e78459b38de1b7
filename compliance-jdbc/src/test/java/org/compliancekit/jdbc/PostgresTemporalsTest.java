package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.SqlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dates and timestamps read digit by digit give exactly the driver's values: every form the server sends, in
 * session time zones with half-hour, three-quarter-hour and local-mean-time offsets, for fixed edge values and a few
 * thousand random instants.
 */
class PostgresTemporalsTest {
    private static final ColumnSchema TZ = new ColumnSchema("tz", SqlType.TIMESTAMP_TZ, "timestamptz", true, 0, 0,
            null, false);
    private static final ColumnSchema TS = new ColumnSchema("ts", SqlType.TIMESTAMP, "timestamp", true, 0, 0, null,
            false);
    private static final ColumnSchema D = new ColumnSchema("d", SqlType.DATE, "date", true, 0, 0, null, false);
    private static final String EDGES = "VALUES ('2024-01-01 00:01:00+00'), ('2024-02-29 23:59:59.999999+00'), "
            + "('1970-01-01 00:00:00.5+00'), ('0001-01-01 00:00:00+00'), ('0099-06-30 12:00:00.000001+00'), "
            + "('1900-01-01 00:00:00+00'), ('1883-11-18 12:00:00+00'), ('9999-12-31 23:59:59.999999+00'), "
            + "('2026-03-29 02:30:00+02'), ('2026-10-25 02:30:00+01'), ('infinity'), ('-infinity'), "
            + "('0044-03-15 12:00:00+00 BC'), ('10000-01-01 00:00:00+00'), (NULL)";

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Asia/Kathmandu", "America/St_Johns", "Europe/Amsterdam", "Pacific/Kiritimati",
            "America/Adak", "Europe/Berlin"})
    void everyValueReadsAsTheDriverReadsIt(String zone) throws Exception {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRES.fresh(); Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute("SET TIME ZONE '" + zone + "'");
            Dialect dialect = Dialect.of(DatabaseProduct.POSTGRESQL);
            int fast = 0;
            int rows = 0;
            String random = "SELECT timestamptz '0900-01-01 00:00:00+00' + random() * interval '400000 days' "
                    + "+ (random() * 1000000)::int * interval '1 microsecond' FROM generate_series(1, 3000)";
            for (String source : java.util.List.of(EDGES, random)) {
                try (ResultSet rs = st.executeQuery("SELECT x::timestamptz, x::timestamptz::timestamp, "
                        + "x::timestamptz::date FROM (" + source + ") AS v(x)")) {
                    while (rs.next()) {
                        rows++;
                        assertThat(dialect.read(rs, 1, TZ)).as(rs.getString(1)).isEqualTo(rs.getObject(1, OffsetDateTime.class));
                        assertThat(dialect.read(rs, 2, TS)).as(rs.getString(2)).isEqualTo(rs.getObject(2, LocalDateTime.class));
                        assertThat(dialect.read(rs, 3, D)).as(rs.getString(3)).isEqualTo(rs.getObject(3, LocalDate.class));
                        if (rs.getString(1) != null && PostgresTemporals.timestampTz(rs.getString(1)) != null) {
                            fast++;
                        }
                    }
                }
            }
            assertThat(rows).isEqualTo(3015);
            assertThat(fast).as("values read digit by digit").isGreaterThan(2900);
        }
    }

    @Test
    void formsOtherThanTheServersCommonOnesAreLeftToTheDriver() {
        assertThat(PostgresTemporals.timestampTz("infinity")).isNull();
        assertThat(PostgresTemporals.timestampTz("0044-03-15 12:00:00+00 BC")).isNull();
        assertThat(PostgresTemporals.timestampTz("10000-01-01 00:00:00+00")).isNull();
        assertThat(PostgresTemporals.timestampTz("2024-01-01 00:00:00")).isNull();
        assertThat(PostgresTemporals.timestampTz("2024-01-01 00:00:00+0")).isNull();
        assertThat(PostgresTemporals.timestamp("2024-01-01 00:00:00+00")).isNull();
        assertThat(PostgresTemporals.timestamp("2024-01-01 24:00:00")).isNull();
        assertThat(PostgresTemporals.timestamp("2024-02-30 00:00:00")).isNull();
        assertThat(PostgresTemporals.date("0000-01-01")).isNull();
        assertThat(PostgresTemporals.date("2024-1-01")).isNull();
        assertThat(PostgresTemporals.timestampTz("2024-01-01 00:00:00.5+05:45"))
                .isEqualTo(OffsetDateTime.parse("2023-12-31T18:15:00.5Z"));
        assertThat(PostgresTemporals.timestampTz("1900-01-01 00:00:00+00:19:32"))
                .isEqualTo(OffsetDateTime.parse("1899-12-31T23:40:28Z"));
    }
}
