package org.compliancekit.jdbc.job;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.Backups;
import org.compliancekit.jdbc.JdbcAuditLog;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.retention.LegalHold;
import org.compliancekit.retention.RetentionEngine;
import org.compliancekit.store.FileSystemBlobStore;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.RowKey;

/**
 * A retention run in a process of its own, for {@link KilledRunTest} to kill: it runs {@link KilledRunTest#rules()}
 * on the database at {@code args[0]} (user {@code args[1]}) and, when the legal-hold check of batch {@code args[2]}
 * begins (inside that batch's transaction, every earlier batch committed), prints {@value #BLOCKED} and waits
 * forever for its {@code kill -9}. With {@code args[3]} = {@code backup} it backs the database up to the folder
 * {@code args[4]} instead and blocks when table {@code args[2]} has been written.
 */
public final class RetentionRunChild {
    static final String BLOCKED = "BLOCKED";

    private RetentionRunChild() {
    }

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        config.setMaximumPoolSize(4);
        int blockAt = Integer.parseInt(args[2]);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            JdbcDataStore store = JdbcDataStore.builder(ds).build();
            JdbcAuditLog audit = JdbcAuditLog.builder(ds).withAutoCreate(true).build();
            if (args.length > 3 && args[3].equals("backup")) {
                int[] tables = {0};
                Backups.builder(store, FileSystemBlobStore.at(Path.of(args[4])), audit)
                        .withSettings(BackupSettings.defaults().withEncrypted(false))
                        .withProgress((table, rows, done) -> {
                            if (done && ++tables[0] == blockAt) {
                                block(table);
                            }
                        }).build().backup("child");
                System.out.println("FINISHED without reaching table " + blockAt);
                return;
            }
            RetentionEngine engine = RetentionEngine.builder(store, KilledRunTest.MAP, audit)
                    .withRules(KilledRunTest.rules()).withBatchSize(KilledRunTest.BATCH)
                    .withProgressEvery(Duration.ofDays(1), 1).withLegalHold(new BlockingHold(blockAt)).build();
            engine.execute("child");
        }
        System.out.println("FINISHED without reaching batch " + blockAt);
    }

    private static void block(String table) {
        System.out.println(BLOCKED + " " + table);
        System.out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Holds nothing; blocks when the check of the chosen batch begins. */
    private static final class BlockingHold implements LegalHold {
        private final int blockAt;
        private int calls;

        BlockingHold(int blockAt) {
            this.blockAt = blockAt;
        }

        @Override
        public Set<RowKey> held(String table, List<MatchedRow> rows) {
            if (++calls == blockAt) {
                block(table);
            }
            return Set.of();
        }

        @Override
        public boolean isHeld(SubjectRef subject) {
            return false;
        }
    }
}
