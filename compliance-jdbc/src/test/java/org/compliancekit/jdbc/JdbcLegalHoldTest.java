package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.compliancekit.ConfigurationException;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.RowKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcLegalHoldTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    static JdbcLegalHold holdOn(TestDatabase.Fresh db) {
        for (String statement : JdbcLegalHold.ddl(DatabaseProduct.detect(db.dataSource())).split(";\\s*\\n")) {
            if (!statement.replaceAll("--[^\\n]*", "").isBlank()) {
                db.execute(statement);
            }
        }
        return JdbcLegalHold.builder(db.dataSource()).withClock(CLOCK).build();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void holdsSubjectsByIdOrEmailAndSingleRowsUntilReleased(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcLegalHold hold = holdOn(db);
            hold.holdSubject("42", "litigation 2026-17");
            hold.holdSubject("carol@example.com", "regulator inquiry");
            hold.holdRow("Orders", RowKey.of(7L), "disputed invoice");
            hold.holdRow("coupon_usage", RowKey.of("SPRING,10", 3L), "fraud review");

            assertThat(hold.isHeld(SubjectRef.ofId(42))).isTrue();
            assertThat(hold.isHeld(SubjectRef.of(1, "carol@example.com"))).isTrue();
            assertThat(hold.isHeld(SubjectRef.ofId(43))).isFalse();

            List<MatchedRow> orders = List.of(new MatchedRow(RowKey.of(5L), 42L), new MatchedRow(RowKey.of(6L), 41L),
                    new MatchedRow(RowKey.of(7), null), new MatchedRow(RowKey.of(8L), "carol@example.com"));
            assertThat(hold.held("orders", orders)).containsExactlyInAnyOrder(RowKey.of(5L), RowKey.of(7), RowKey.of(8L));
            assertThat(hold.held("other", List.of(new MatchedRow(RowKey.of(7L), null)))).isEmpty();
            assertThat(hold.held("coupon_usage", List.of(new MatchedRow(RowKey.of("SPRING,10", 3L), null),
                    new MatchedRow(RowKey.of("SPRING", "10,3"), null)))).containsExactly(RowKey.of("SPRING,10", 3L));

            assertThat(hold.releaseSubject("42")).isEqualTo(1);
            assertThat(hold.releaseRow("ORDERS", RowKey.of(7L))).isEqualTo(1);
            assertThat(hold.held("orders", orders)).containsExactly(RowKey.of(8L));
            assertThat(hold.isHeld(SubjectRef.ofId(42))).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = "POSTGRES")
    void checksAWholePageOfMoreRowsThanOneQueryTakes(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcLegalHold hold = holdOn(db);
            hold.holdSubject("1199", "case");
            hold.holdRow("t", RowKey.of(3L), "case");
            List<MatchedRow> page = new ArrayList<>();
            for (long i = 0; i < 1_200; i++) {
                page.add(new MatchedRow(RowKey.of(i), i));
            }
            assertThat(hold.held("t", page)).containsExactlyInAnyOrder(RowKey.of(3L), RowKey.of(1199L));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = "H2")
    void hostileValuesAreDataAndBadInputIsRefused(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcLegalHold hold = holdOn(db);
            hold.holdSubject("x' OR '1'='1", "case");
            assertThat(hold.isHeld(SubjectRef.ofId("1 OR 1=1"))).isFalse();
            assertThat(hold.isHeld(SubjectRef.ofId("x' OR '1'='1"))).isTrue();
            assertThatThrownBy(() -> hold.holdSubject("42", " ")).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("reason");
            assertThatThrownBy(() -> hold.holdSubject("", "case")).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("subject");
            assertThatThrownBy(() -> JdbcLegalHold.builder(db.dataSource()).withTableName("holds; DROP TABLE x").build())
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("legal hold table");
            assertThat(hold.held("t", List.of())).isEmpty();
        }
    }
}
