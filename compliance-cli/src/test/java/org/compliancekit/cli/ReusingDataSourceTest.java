package org.compliancekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ReusingDataSourceTest {
    private static String url(String name) {
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void manyShortTransactionsLogInOnce() throws SQLException {
        try (ReusingDataSource ds = new ReusingDataSource(url("reuse1"), "sa", "")) {
            for (int i = 0; i < 50; i++) {
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    c.commit();
                }
            }
            assertThat(ds.opened()).isEqualTo(1);
            try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
                assertThat(a).isNotSameAs(b);
            }
            assertThat(ds.opened()).isEqualTo(2);
        }
    }

    @Test
    void aConnectionComesBackInItsDefaultsWithAnOpenTransactionRolledBack() throws SQLException {
        try (ReusingDataSource ds = new ReusingDataSource(url("reuse2"), "sa", "")) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            }
            int isolation;
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                isolation = c.getTransactionIsolation();
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                s.execute("INSERT INTO t VALUES (1)");
                c.setReadOnly(true);
            }
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                assertThat(c.getAutoCommit()).isTrue();
                assertThat(c.isReadOnly()).isFalse();
                assertThat(c.getTransactionIsolation()).isEqualTo(isolation);
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            assertThat(ds.opened()).isEqualTo(1);
        }
    }

    @Test
    void aHandleGivenBackCannotBeUsedAgain() throws SQLException {
        try (ReusingDataSource ds = new ReusingDataSource(url("reuse3"), "sa", "pw-5521")) {
            Connection c = ds.getConnection();
            c.close();
            c.close();
            assertThat(c.isClosed()).isTrue();
            assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class).hasMessageContaining("given back");
            assertThat(ds.toString()).doesNotContain("pw-5521").contains("reuse3");
        }
    }
}
