package org.compliancekit.jdbc.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.jdbc.backup.BackupHarness.contents;
import static org.compliancekit.jdbc.backup.BackupHarness.q;
import static org.compliancekit.jdbc.backup.BackupHarness.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.backup.RestoreRequest;
import org.compliancekit.backup.RestoreResult;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tables whose names differ only in case are backed up to distinct files and restored each into itself. */
class CaseDistinctTablesTest {
    private static final List<String> NAMES = List.of("Dup", "dup", "MANIFEST", "manifest");

    private static String[] schema(TestDatabase kind) {
        List<String> sql = new ArrayList<>();
        for (String n : NAMES) {
            sql.add("CREATE TABLE " + q(kind, n) + " (id INT PRIMARY KEY, label VARCHAR(20))");
        }
        return sql.toArray(String[]::new);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyCaseDistinctTableComesBackWithItsOwnRows(TestDatabase kind) {
        try (TestDatabase.Fresh source = kind.fresh(); TestDatabase.Fresh target = kind.fresh()) {
            source.execute(schema(kind));
            target.execute(schema(kind));
            for (int i = 0; i < NAMES.size(); i++) {
                String n = NAMES.get(i);
                List<String> inserts = new ArrayList<>();
                for (int r = 0; r <= i; r++) {
                    inserts.add("INSERT INTO " + q(kind, n) + " VALUES (" + r + ", '" + n + "')");
                }
                source.execute(inserts.toArray(String[]::new));
            }
            JdbcDataStore from = store(source);
            JdbcDataStore to = store(target);
            assertThat(from.describe().tables()).extracting(t -> t.name()).containsAll(NAMES);
            BackupHarness h = new BackupHarness();
            Backups backups = h.backups(from);

            BackupResult backup = backups.backup();

            assertThat(backup.status()).isEqualTo(BackupStatus.COMPLETED);
            Set<String> foldedKeys = backup.tables().stream().map(t -> t.objectKey().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            assertThat(foldedKeys).as("object keys stay distinct ignoring case").hasSize(NAMES.size());
            assertThat(backups.verify(backup.folder()).ok()).isTrue();

            RestoreResult restored = backups.restore(RestoreRequest.fromFolder(backup.folder()), to);

            assertThat(restored.error()).isNull();
            assertThat(restored.rows()).containsEntry("Dup", 1L).containsEntry("dup", 2L)
                    .containsEntry("MANIFEST", 3L).containsEntry("manifest", 4L);
            assertThat(contents(to)).isEqualTo(contents(from));

            // A requested name that matches two tables only ignoring case is refused, naming both.
            RestoreResult ambiguous = backups.restore(RestoreRequest.fromFolder(backup.folder())
                    .withTables(Set.of("DUP")).withReplace(true), to);
            assertThat(ambiguous.restored()).isFalse();
            assertThat(ambiguous.error()).contains("ambiguous").contains("Dup").contains("dup");
            RestoreResult exact = backups.restore(RestoreRequest.fromFolder(backup.folder())
                    .withTables(Set.of("dup")).withReplace(true), to);
            assertThat(exact.rows()).containsOnlyKeys("dup");
        }
    }
}
