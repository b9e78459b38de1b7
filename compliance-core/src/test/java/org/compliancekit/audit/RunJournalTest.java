package org.compliancekit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancekit.StorageException;
import org.junit.jupiter.api.Test;

/** The run journal: started, rate-limited progress, the closing record, and interrupted runs found later. */
class RunJournalTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String OP = AuditEvent.TYPE_PII_DELETION;

    private final InMemoryAuditLog log = InMemoryAuditLog.builder(Clock.fixed(T0, ZoneOffset.UTC)).build();

    private RunJournal journal(Instant now) {
        return RunJournal.of(log, Clock.fixed(now, ZoneOffset.UTC)).withProgressEvery(Duration.ofDays(1), 1_000);
    }

    @Test
    void aRunIsStartedReportsProgressAtItsRateAndClosesWithItsOwnRecord() {
        RunJournal.Run run = journal(T0).start(OP, "ops", "PII deletion started", Map.of("rules", List.of("a")));
        run.progress(500, Map.of("rule", "a"));
        run.progress(1_000, Map.of("rule", "a"));
        run.progress(1_500, Map.of("rule", "a"));
        run.step(1_600, Map.of("rule", "a"));
        run.close(AuditEvent.of(OP, AuditStatus.COMPLETED, "ops", "done"));

        List<AuditRecord> records = oldestFirst();
        assertThat(records).extracting(r -> r.event().type()).containsExactly(RunJournal.TYPE_RUN_STARTED,
                RunJournal.TYPE_RUN_PROGRESS, RunJournal.TYPE_RUN_PROGRESS, OP);
        assertThat(records).allMatch(r -> run.id().equals(r.event().details().get(RunJournal.RUN_ID)));
        assertThat(records.get(0).event().details()).containsEntry(RunJournal.OPERATION, OP).containsKey("rules");
        assertThat(records.get(1).event().details()).containsEntry("kind", "progress");
        assertThat(committed(records.get(1))).isEqualTo(1_000);
        assertThat(records.get(2).event().details()).containsEntry("kind", "step");
        assertThat(committed(records.get(2))).isEqualTo(1_600);
    }

    @Test
    void aRunThatNeverClosedIsRecordedInterruptedOnceWithTheRowsItLastReported() {
        RunJournal.Run killed = journal(T0).start(OP, "cli:ops", "started", Map.of());
        killed.progress(2_000, Map.of());
        killed.progress(2_500, Map.of()); // below the rate: not on record, so not counted

        // Within the quiet period another process may still be running it: nothing is recorded.
        assertThat(journal(T0.plusSeconds(60)).recordInterrupted(Set.of(OP), "system")).isEmpty();

        List<AuditRecord> found = journal(T0.plus(Duration.ofHours(2))).recordInterrupted(Set.of(OP), "system");
        assertThat(found).hasSize(1);
        AuditEvent e = found.get(0).event();
        assertThat(e.type()).isEqualTo(RunJournal.TYPE_RUN_INTERRUPTED);
        assertThat(e.status()).isEqualTo(AuditStatus.FAILED);
        assertThat(e.details()).containsEntry(RunJournal.RUN_ID, killed.id()).containsEntry(RunJournal.OPERATION, OP)
                .containsEntry("started_by", "cli:ops");
        assertThat(committed(found.get(0))).isEqualTo(2_000);
        assertThat(((Number) e.details().get("started_sequence")).longValue()).isEqualTo(1);
        assertThat(((Number) e.details().get("last_record_sequence")).longValue()).isEqualTo(2);

        assertThat(journal(T0.plus(Duration.ofHours(3))).recordInterrupted(Set.of(OP), "system")).isEmpty();
    }

    @Test
    void holdingTheJobLockTheCheckNeedsNoQuietPeriod() {
        journal(T0).start(OP, "ops", "started", Map.of());

        assertThat(journal(T0).withQuietPeriod(Duration.ZERO).recordInterrupted(Set.of(OP), "system")).hasSize(1);
    }

    @Test
    void theNextRunOfTheSameOperationRecordsTheInterruptionBeforeItsOwnStart() {
        RunJournal.Run killed = journal(T0).start(OP, "ops", "started", Map.of());
        journal(T0.plus(Duration.ofHours(2))).start(OP, "ops", "started again", Map.of());

        List<AuditRecord> records = oldestFirst();
        assertThat(records).extracting(r -> r.event().type()).containsExactly(RunJournal.TYPE_RUN_STARTED,
                RunJournal.TYPE_RUN_INTERRUPTED, RunJournal.TYPE_RUN_STARTED);
        assertThat(records.get(1).event().details()).containsEntry(RunJournal.RUN_ID, killed.id());
        assertThat(committed(records.get(1))).isZero();
    }

    @Test
    void closedRunsAndOtherOperationsAreNotInterrupted() {
        RunJournal j = journal(T0).withQuietPeriod(Duration.ZERO);
        j.start(AuditEvent.TYPE_BACKUP, "ops", "backup started", Map.of());
        j.run(OP, "ops", "started", Map.of(), run -> run.close(AuditEvent.of(OP, AuditStatus.COMPLETED, "ops", "ok")));

        assertThat(j.recordInterrupted(Set.of(OP), "system")).isEmpty();
        assertThat(j.recordInterrupted(Set.of(AuditEvent.TYPE_BACKUP), "system")).hasSize(1);
    }

    @Test
    void aRunThatThrowsIsClosedByAFailedRecordOfItsOperation() {
        assertThatThrownBy(() -> journal(T0).run(OP, "ops", "started", Map.of(), run -> {
            throw new StorageException("backup store unreachable while listing folders");
        })).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> journal(T0).run(OP, "ops", "started", Map.of(), run -> {
            throw new IllegalStateException("row value ada@example.com");
        })).isInstanceOf(IllegalStateException.class);

        List<AuditRecord> failed = oldestFirst().stream().filter(r -> r.event().type().equals(OP)).toList();
        assertThat(failed).hasSize(2).allMatch(r -> r.event().status() == AuditStatus.FAILED);
        assertThat(failed.get(0).event().details().get("error").toString()).contains("unreachable");
        assertThat(failed.get(1).event().details().get("error").toString()).contains("IllegalStateException")
                .doesNotContain("example.com");
        assertThat(journal(T0).withQuietPeriod(Duration.ZERO).recordInterrupted(Set.of(OP), "system")).isEmpty();
    }

    @Test
    void anEngineRecordingThroughTheClosingLogClosesTheRunOnce() {
        assertThatThrownBy(() -> journal(T0).run(OP, "ops", "started", Map.of(), run -> {
            run.closingLog().append(AuditEvent.of(OP, AuditStatus.FAILED, "ops", "refused: no key"));
            run.closingLog().append(AuditEvent.of(AuditEvent.TYPE_CONFIG_CHANGE, AuditStatus.SUCCESS, "ops", "x"));
            throw new StorageException("refused");
        })).isInstanceOf(StorageException.class);

        List<AuditRecord> records = oldestFirst();
        assertThat(records).extracting(r -> r.event().type()).containsExactly(RunJournal.TYPE_RUN_STARTED, OP,
                AuditEvent.TYPE_CONFIG_CHANGE);
        assertThat(records.get(1).event().details()).containsKey(RunJournal.RUN_ID);
        assertThat(records.get(2).event().details()).doesNotContainKey(RunJournal.RUN_ID);
    }

    private static long committed(AuditRecord r) {
        return ((Number) r.event().details().get(RunJournal.COMMITTED_ROWS)).longValue();
    }

    private List<AuditRecord> oldestFirst() {
        List<AuditRecord> out = new ArrayList<>(log.query(AuditQuery.all().withLimit(1000)));
        Collections.reverse(out);
        return out;
    }
}
