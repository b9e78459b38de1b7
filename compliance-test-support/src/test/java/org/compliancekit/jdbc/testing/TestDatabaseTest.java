package org.compliancekit.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestDatabaseTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eachDatabaseStartsEmptyAndIsWritable(TestDatabase kind) throws Exception {
        try (TestDatabase.Fresh db = kind.fresh()) {
            db.execute("CREATE TABLE probe (id INT PRIMARY KEY, note VARCHAR(20))", "INSERT INTO probe VALUES (1, 'x')");
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT note FROM probe WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("x");
            }
        }
    }
}
