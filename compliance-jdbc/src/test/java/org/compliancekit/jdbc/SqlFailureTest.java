package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.compliancekit.StorageException;
import org.junit.jupiter.api.Test;

/** Driver messages quote the rows they refused; nothing of them may reach a message or a printed stack trace. */
class SqlFailureTest {
    private static final String NAME = "Zebulon Quackenbush";
    private static final String PHONE = "+49 170 9988776";

    @Test
    void postgresDetailIsScrubbed() {
        SQLException pg = new SQLException("ERROR: new row for relation \"users\" violates check constraint "
                + "\"users_note_check\"\n  Detail: Failing row contains (7, Call " + NAME + " at " + PHONE + ").",
                "23514", 0);
        assertScrubbed(SqlFailure.of("could not erase users", pg), "users_note_check");
    }

    @Test
    void mariaDbQuotedValuesAreScrubbed() {
        SQLException maria = new SQLException("(conn=12) Duplicate entry '" + NAME + "' for key 'users_name'",
                "23000", 1062);
        assertScrubbed(SqlFailure.of("could not write users", maria), "Duplicate entry");
    }

    @Test
    void aRealH2ViolationIsScrubbed() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:scrub"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(100) UNIQUE)");
            s.execute("INSERT INTO users VALUES (1, '" + NAME + "')");
            try {
                s.execute("INSERT INTO users VALUES (2, '" + NAME + "')");
            } catch (SQLException e) {
                assertThat(e.getMessage()).as("the driver quotes the value").contains(NAME);
                assertScrubbed(SqlFailure.of("could not write users", e), "23505");
                return;
            }
            throw new AssertionError("the duplicate was accepted");
        }
    }

    private static void assertScrubbed(StorageException e, String kept) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).contains(kept).doesNotContain("Zebulon").doesNotContain("9988776");
        assertThat(e.getCause()).isInstanceOf(SQLException.class);
        assertThat(e.getCause().getStackTrace()).isNotEmpty();
    }
}
