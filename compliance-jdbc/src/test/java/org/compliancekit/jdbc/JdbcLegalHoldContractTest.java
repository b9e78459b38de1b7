package org.compliancekit.jdbc;

import java.util.List;
import java.util.Locale;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.retention.LegalHold;
import org.compliancekit.store.RowKey;
import org.compliancekit.tck.LegalHoldContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/** The table-backed legal hold on each database, holds placed through its own API. */
class JdbcLegalHoldContractTest {

    abstract static class OnDatabase extends LegalHoldContractTest {
        private TestDatabase.Fresh db;

        @BeforeEach
        void freshDatabase() {
            // The nested class names the database: H2, Postgres, MariaDb.
            db = TestDatabase.valueOf(getClass().getSimpleName().toUpperCase(Locale.ROOT)).fresh();
        }

        @AfterEach
        void dropDatabase() {
            db.close();
        }

        @Override
        protected LegalHold holding(List<String> subjectIds, String table, List<RowKey> rowKeys) {
            JdbcLegalHold hold = JdbcLegalHoldTest.holdOn(db);
            subjectIds.forEach(s -> hold.holdSubject(s, "contract test"));
            rowKeys.forEach(k -> hold.holdRow(table, k, "contract test"));
            return hold;
        }
    }

    @Nested class H2 extends OnDatabase { }

    @Nested class Postgres extends OnDatabase { }

    @Nested class MariaDb extends OnDatabase { }
}
