package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.compliancekit.ConfigurationException;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.job.JobLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcJobLockTest {

    private static JdbcJobLock lockOn(TestDatabase.Fresh db) {
        return JdbcJobLock.builder(db.dataSource()).build();
    }

    private static void createTable(TestDatabase.Fresh db) {
        db.execute(JdbcJobLock.ddl(DatabaseProduct.detect(db.dataSource())));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aHeldLockIsRefusedToOthersUntilReleased(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createTable(db);
            JdbcJobLock first = lockOn(db);
            JdbcJobLock second = lockOn(db);
            Optional<JobLock.Held> held = first.tryLock("daily", Duration.ofMinutes(5));
            assertThat(held).isPresent();
            assertThat(second.tryLock("daily", Duration.ofMinutes(5))).isEmpty();
            assertThat(second.tryLock("other-job", Duration.ofMinutes(5))).isPresent();
            held.get().close();
            Optional<JobLock.Held> again = second.tryLock("daily", Duration.ofMinutes(5));
            assertThat(again).isPresent();
            again.get().close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRES", "MARIADB"})
    void ofEightInstancesRacingForOneLockExactlyOneWins(TestDatabase kind) throws Exception {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createTable(db);
            for (int round = 0; round < 3; round++) {
                int instances = 8;
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(instances);
                try {
                    List<Future<Optional<JobLock.Held>>> attempts = new ArrayList<>();
                    for (int i = 0; i < instances; i++) {
                        JdbcJobLock lock = lockOn(db); // one lock object per application instance
                        attempts.add(pool.submit(() -> {
                            start.await();
                            return lock.tryLock("race", Duration.ofMinutes(5));
                        }));
                    }
                    start.countDown();
                    List<JobLock.Held> winners = new ArrayList<>();
                    for (Future<Optional<JobLock.Held>> f : attempts) {
                        f.get(30, TimeUnit.SECONDS).ifPresent(winners::add);
                    }
                    assertThat(winners).as("round " + round).hasSize(1);
                    winners.get(0).close();
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRES", "MARIADB"})
    void aLockWhoseHolderDiedExpiresByTheDatabaseClock(TestDatabase kind) throws InterruptedException {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createTable(db);
            JdbcJobLock other = lockOn(db);
            assertThat(lockOn(db).tryLock("crashy", Duration.ofSeconds(2))).isPresent(); // never closed
            assertThat(other.tryLock("crashy", Duration.ofMinutes(1))).isEmpty();
            Thread.sleep(2_500);
            assertThat(other.tryLock("crashy", Duration.ofMinutes(1))).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aMissingLockTableIsTheLibrarysOwnErrorNamingTheTableAndTheFix(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            assertThatThrownBy(() -> lockOn(db).tryLock("daily", Duration.ofMinutes(5)))
                    .isInstanceOf(org.compliancekit.StorageException.class)
                    .hasMessageContaining("table shedlock")
                    .hasMessageContaining("JdbcJobLock.ddl(DatabaseProduct.")
                    .hasCauseInstanceOf(net.javacrumbs.shedlock.support.LockException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = "H2")
    void rejectsBadSettings(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            assertThatThrownBy(() -> JdbcJobLock.builder(db.dataSource()).withTableName("shedlock; DROP TABLE x").build())
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("job lock table");
            createTable(db);
            assertThatThrownBy(() -> lockOn(db).tryLock("daily", Duration.ZERO))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("daily");
            assertThat(JdbcJobLock.ddl(DatabaseProduct.MYSQL)).isEqualTo(JdbcJobLock.ddl(DatabaseProduct.MARIADB))
                    .contains("CREATE TABLE shedlock");
        }
    }
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void instancesStartingTogetherOnAFreshDatabaseAllCreateOrFindTheLockTable(TestDatabase kind) throws Exception {
        try (TestDatabase.Fresh db = kind.fresh()) {
            for (int round = 0; round < 5; round++) {
                String table = "lock_race_" + round;
                int instances = 6;
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(instances);
                try {
                    List<Future<JdbcJobLock>> starts = new ArrayList<>();
                    for (int i = 0; i < instances; i++) {
                        starts.add(pool.submit(() -> {
                            start.await();
                            return JdbcJobLock.builder(db.dataSource()).withTableName(table).withAutoCreate(true)
                                    .build();
                        }));
                    }
                    start.countDown();
                    List<JdbcJobLock> locks = new ArrayList<>();
                    for (Future<JdbcJobLock> f : starts) {
                        locks.add(f.get(60, TimeUnit.SECONDS));
                    }
                    Optional<JobLock.Held> held = locks.get(0).tryLock("daily", Duration.ofMinutes(5));
                    assertThat(held).as("round " + round).isPresent();
                    assertThat(locks.get(1).tryLock("daily", Duration.ofMinutes(5))).isEmpty();
                    held.get().close();
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void takingALockWhoseRowExistsLogsNoWarning(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createTable(db);
            lockOn(db).tryLock("compliance-daily-job", Duration.ofMinutes(5)).orElseThrow().close();
            PrintStream err = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                // The row exists: the insert meets its primary key, which is expected and must stay quiet.
                lockOn(db).tryLock("compliance-daily-job", Duration.ofMinutes(5)).orElseThrow().close();
            } finally {
                System.setErr(err);
            }
            assertThat(captured.toString(StandardCharsets.UTF_8))
                    .doesNotContainIgnoringCase("duplicate").doesNotContain("WARN");
        }
    }
}
