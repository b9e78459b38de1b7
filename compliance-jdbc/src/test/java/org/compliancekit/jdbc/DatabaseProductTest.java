package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.compliancekit.jdbc.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseProductTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void detectsEachTestDatabase(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            DatabaseProduct expected = switch (kind) {
                case H2 -> DatabaseProduct.H2;
                case POSTGRES -> DatabaseProduct.POSTGRESQL;
                case MARIADB -> DatabaseProduct.MARIADB;
            };
            assertThat(DatabaseProduct.detect(db.dataSource())).isEqualTo(expected);
        }
    }

    @Test
    void quotingDoublesEmbeddedQuotes() {
        assertThat(DatabaseProduct.POSTGRESQL.quote("x\"; DROP TABLE t; --")).isEqualTo("\"x\"\"; DROP TABLE t; --\"");
        assertThat(DatabaseProduct.MARIADB.quote("a`b")).isEqualTo("`a``b`");
    }
}
