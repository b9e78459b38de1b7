package org.compliancekit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRange;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.ChainRow;
import org.compliancekit.audit.Checkpoint;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.audit.PersonalFieldErasure;
import org.compliancekit.audit.PruneResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonalFieldsRetentionJobTest {
    final InMemoryJobLockTest.MutableClock clock = new InMemoryJobLockTest.MutableClock();
    InMemoryAuditLog audit;
    InMemoryJobLock lock;
    AuditRecord old;
    AuditRecord recent;

    @BeforeEach
    void setUp() {
        audit = InMemoryAuditLog.builder(clock).withSigner(CheckpointSigner.generate("audit")).build();
        lock = new InMemoryJobLock(clock);
        old = audit.append(login("old login").withPersonalField("ip", "203.0.113.7")
                .withPersonalField("user_agent", "Firefox/128"));
        clock.now.set(clock.instant().plus(Duration.ofDays(40)));
        recent = audit.append(login("recent login").withPersonalField("ip", "198.51.100.9")
                .withPersonalField("user_agent", "Safari/17"));
        clock.now.set(clock.instant().plus(Duration.ofDays(5)));
    }

    static AuditEvent login(String summary) {
        return new AuditEvent("login", AuditStatus.SUCCESS, "user:7", summary, Map.of(), Duration.ZERO, false);
    }

    DailyJob job(AuditLog log, Duration keepFor, Set<String> names) {
        return DailyJob.builder(lock, log).withClock(clock).withPersonalFieldsRetention(keepFor, names).build();
    }

    Map<String, String> personal(AuditLog log, AuditRecord r) {
        AuditRecord now = log.query(AuditQuery.all().before(r.sequence() + 1).withLimit(1)).get(0);
        assertThat(now.sequence()).isEqualTo(r.sequence());
        return new HashMap<>(now.event().personal());
    }

    @Test
    void personalFieldsOlderThanTheirRetentionAreErasedNewerOnesKeptAndTheChainStillVerifies() {
        long checkpoints = audit.verify().checkpointsChecked();
        JobReport report = job(audit, Duration.ofDays(30), Set.of()).run();

        Step<PersonalFieldErasure> step = report.personalFieldsRetention();
        assertThat(step.state()).isEqualTo(StepState.RAN);
        assertThat(step.result().records()).isEqualTo(1);
        assertThat(step.result().fields()).isEqualTo(2);
        assertThat(step.result().erasureRecord()).hasValueSatisfying(r -> assertThat(r.event().details())
                .containsEntry("reason", "retention").containsEntry("fields", "all")
                .containsEntry("before", clock.instant().minus(Duration.ofDays(30)).toString()));
        Map<String, String> erased = personal(audit, old);
        assertThat(erased).containsKeys("ip", "user_agent");
        assertThat(erased.get("ip")).isNull();
        assertThat(erased.get("user_agent")).isNull();
        assertThat(personal(audit, recent)).containsEntry("ip", "198.51.100.9").containsEntry("user_agent", "Safari/17");
        assertThat(audit.verify().valid()).isTrue();
        // The audit log signs, so the step (the only one that ran) ends with a checkpoint.
        assertThat(audit.verify().checkpointsChecked()).isGreaterThan(checkpoints);
    }

    @Test
    void onlyTheNamedFieldsAreErased() {
        JobReport report = job(audit, Duration.ofDays(30), Set.of("ip")).run();

        assertThat(report.personalFieldsRetention().result().fields()).isEqualTo(1);
        Map<String, String> fields = personal(audit, old);
        assertThat(fields.get("ip")).isNull();
        assertThat(fields).containsEntry("user_agent", "Firefox/128");
        assertThat(report.personalFieldsRetention().result().record().event().details())
                .containsEntry("fields", List.of("ip"));
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void theStepRunsOnTheAuditRetentionsCadenceAndARunThatFoundNothingCounts() {
        JobReport first = job(audit, Duration.ofDays(30), Set.of()).run();
        assertThat(first.personalFieldsRetention().state()).isEqualTo(StepState.RAN);

        JobReport sameDay = job(audit, Duration.ofDays(30), Set.of()).run();
        assertThat(sameDay.personalFieldsRetention().state()).isEqualTo(StepState.NOT_DUE);
        assertThat(sameDay.personalFieldsRetention().reason()).contains("cadence PT24H");

        clock.now.set(clock.instant().plus(Duration.ofDays(1)));
        JobReport nextDay = job(audit, Duration.ofDays(30), Set.of()).run();
        assertThat(nextDay.personalFieldsRetention().state()).isEqualTo(StepState.RAN);
        assertThat(nextDay.personalFieldsRetention().result().records()).isZero();
        // Nothing was old enough, yet the run is on record: the next one waits for the cadence again.
        assertThat(job(audit, Duration.ofDays(30), Set.of()).run().personalFieldsRetention().state())
                .isEqualTo(StepState.NOT_DUE);
        List<AuditRecord> runs = audit.query(AuditQuery.all().withTypes(AuditEvent.TYPE_PERSONAL_FIELD_ERASURE));
        assertThat(runs).hasSize(2).first().satisfies(r -> {
            assertThat(r.event().details()).containsEntry("reason", "retention");
            assertThat(((Number) r.event().details().get("erased_records")).longValue()).isZero();
        });

        assertThat(DailyJob.builder(lock, audit).withClock(clock).build().run().personalFieldsRetention().state())
                .isEqualTo(StepState.DISABLED);
    }

    @Test
    void aFailureIsTheStepsOwnOnRecordAndWithoutThePersonalValues() {
        // A stored personal text that cannot be read makes the erasure refuse the record.
        audit.replaceStoredRow(old.sequence(), r -> new ChainRow(r.sequence(), r.occurredAt(), r.type(), r.status(),
                r.actor(), r.summary(), r.detailsJson(), r.durationNanos(), r.dryRun(), r.previousHash(), r.hash(),
                r.version(), "{\"ip\":{\"value\":\"203.0.113.7\"}"));
        JobReport report = DailyJob.builder(lock, audit).withClock(clock)
                .withAuditRetention(Duration.ofDays(400), Duration.ofDays(1))
                .withPersonalFieldsRetention(Duration.ofDays(30), Set.of()).build().run();

        assertThat(report.personalFieldsRetention().state()).isEqualTo(StepState.FAILED);
        assertThat(report.personalFieldsRetention().reason()).contains("audit record " + old.sequence())
                .doesNotContain("203.0.113.7");
        assertThat(report.auditRetention().state()).isEqualTo(StepState.RAN);
        AuditEvent failure = audit.query(AuditQuery.all().withTypes(AuditEvent.TYPE_PERSONAL_FIELD_ERASURE)).get(0)
                .event();
        assertThat(failure.status()).isEqualTo(AuditStatus.FAILED);
        assertThat(failure.details()).containsEntry("reason", "retention").containsKey("failure");
        assertThat(failure.details().toString()).doesNotContain("203.0.113.7");
        assertThat(personal(audit, recent)).containsEntry("ip", "198.51.100.9");
    }

    @Test
    void aLogThatKeepsNoPersonalFieldsHasNothingToErase() {
        // An audit log written before personal fields existed: the interface's defaults, nothing else.
        AuditLog plain = new AuditLog() {
            @Override
            public AuditRecord append(AuditEvent event) {
                return audit.append(event);
            }

            @Override
            public List<AuditRecord> appendAll(List<AuditEvent> events) {
                return audit.appendAll(events);
            }

            @Override
            public List<AuditRecord> query(AuditQuery query) {
                return audit.query(query);
            }

            @Override
            public Checkpoint checkpoint() {
                return audit.checkpoint();
            }

            @Override
            public PruneResult prune(Instant before) {
                return audit.prune(before);
            }

            @Override
            public AuditVerification verify(AuditRange range) {
                return audit.verify(range);
            }
        };
        Step<PersonalFieldErasure> step = job(plain, Duration.ofDays(30), Set.of()).run().personalFieldsRetention();

        assertThat(step.state()).isEqualTo(StepState.RAN);
        assertThat(step.reason()).startsWith("nothing to erase");
        assertThat(step.result().records()).isZero();
        assertThat(personal(audit, old)).containsEntry("ip", "203.0.113.7");
    }

    @Test
    void aRetentionThatIsNotPositiveIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> DailyJob.builder(lock, audit).withPersonalFieldsRetention(Duration.ZERO, Set.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("audit.personalFieldsRetention");
    }
}
