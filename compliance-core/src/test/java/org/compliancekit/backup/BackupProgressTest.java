package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.RowCursor;
import org.junit.jupiter.api.Test;

class BackupProgressTest {
    record Update(String table, long rows, boolean done) {
    }

    final MutableClock clock = new MutableClock("2026-03-01T02:00:00Z");
    // tables are backed up in parallel, so updates arrive from several threads
    final List<Update> updates = java.util.Collections.synchronizedList(new ArrayList<>());
    final BackupProgress recorder = (t, r, d) -> updates.add(new Update(t, r, d));

    @Test
    void reportsEachTableStartEveryTenThousandRowsAndEnd() {
        InMemoryDataStore source = Fixtures.emptyStore();
        for (int i = 0; i < 20_001; i++) {
            source.insert("users", Map.of("id", i, "email", "u" + i + "@example.com"));
        }
        Backups backups = Backups.builder(source, new InMemoryBlobStore(clock), new RecordingAuditLog())
                .withClock(clock).withKeys(Fixtures.ringA()).withProgress(recorder).build();

        backups.backup();

        assertThat(updates).filteredOn(u -> u.table().equals("users")).containsExactly(
                new Update("users", 0, false), new Update("users", 10_000, false),
                new Update("users", 20_000, false), new Update("users", 20_001, true));
        assertThat(updates).filteredOn(Update::done).extracting(Update::table)
                .containsExactlyInAnyOrder("everything", "orders", "users");

        updates.clear();
        RestoreResult restored = backups.restore(RestoreRequest.latest(), Fixtures.emptyStore());

        assertThat(restored.restored()).isTrue();
        assertThat(updates).filteredOn(Update::done).extracting(Update::table, Update::rows)
                .contains(org.assertj.core.groups.Tuple.tuple("users", 20_001L));
        assertThat(updates).filteredOn(u -> u.table().equals("users")).first().isEqualTo(new Update("users", 0, false));
    }

    @Test
    void nobodyListeningLeavesTheCursorAlone() {
        RowCursor cursor = RowCursor.of(List.of("id"), List.<Object[]>of().iterator());
        assertThat(ProgressCursor.wrap(cursor, "t", BackupProgress.NONE)).isSameAs(cursor);
        assertThatNullPointerException().isThrownBy(() -> Backups.builder(Fixtures.emptyStore(),
                new InMemoryBlobStore(clock), new RecordingAuditLog()).withProgress(null)).withMessage("progress");
    }
}
