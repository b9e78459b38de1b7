package org.compliancekit.jdbc;

import java.util.Locale;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.job.JobLock;
import org.compliancekit.tck.JobLockContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/** The ShedLock-backed lock on each database; every instance() is a separate lock object on one table. */
class JdbcJobLockContractTest {

    abstract static class OnDatabase extends JobLockContractTest {
        private TestDatabase.Fresh db;

        @BeforeEach
        void freshDatabase() {
            // The nested class names the database: H2, Postgres, MariaDb.
            db = TestDatabase.valueOf(getClass().getSimpleName().toUpperCase(Locale.ROOT)).fresh();
            db.execute(JdbcJobLock.ddl(DatabaseProduct.detect(db.dataSource())));
        }

        @AfterEach
        void dropDatabase() {
            db.close();
        }

        @Override
        protected JobLock instance() {
            return JdbcJobLock.builder(db.dataSource()).build();
        }
    }

    @Nested class H2 extends OnDatabase { }

    @Nested class Postgres extends OnDatabase { }

    @Nested class MariaDb extends OnDatabase { }
}
