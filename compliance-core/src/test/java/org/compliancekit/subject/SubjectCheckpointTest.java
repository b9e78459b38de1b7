package org.compliancekit.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.compliancekit.ComplianceException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRange;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.audit.Checkpoint;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.audit.PruneResult;
import org.compliancekit.audit.RunJournal;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.SubjectRef;
import org.junit.jupiter.api.Test;

/**
 * Subject requests made through the API end with a signed checkpoint covering their own closing record, as the daily
 * job's steps and the command line's commands do; each export and erasure is a journaled run.
 */
class SubjectCheckpointTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final SubjectRef ANN = SubjectRef.of(2, Shop.email(2));

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final CheckpointingLog audit = new CheckpointingLog(InMemoryAuditLog.builder(clock)
            .withSigner(CheckpointSigner.generate("audit-1")).build());

    private SubjectRights rights() {
        return SubjectRights.builder(Shop.store(4), Shop.map(), audit).withClock(clock)
                .withErasureContext(ErasureContext.withHashSecret(new byte[32])).build();
    }

    @Test
    void anErasureEndsWithACheckpointCoveringItsReceipt() {
        rights().erase(ANN, "support:alice");

        AuditRecord receipt = newest();
        assertThat(receipt.event().type()).isEqualTo(AuditEvent.TYPE_USER_DELETION);
        assertThat(audit.checkpoints).hasSize(1);
        assertThat(audit.checkpoints.get(0).sequence()).isEqualTo(receipt.sequence());
        assertThat(audit.verify().valid()).isTrue();
        assertThat(audit.verify().checkpointsChecked()).isEqualTo(1);
    }

    @Test
    void anExportEndsWithACheckpointAndIsAJournaledRun() {
        rights().export(ANN, "support:alice", new ByteArrayOutputStream());

        List<AuditRecord> records = oldestFirst();
        assertThat(records).extracting(r -> r.event().type())
                .containsExactly(RunJournal.TYPE_RUN_STARTED, AuditEvent.TYPE_DATA_EXPORT);
        Object runId = records.get(0).event().details().get(RunJournal.RUN_ID);
        assertThat(records.get(1).event().details()).containsEntry(RunJournal.RUN_ID, runId);
        assertThat(records.get(0).event().summary()).doesNotContain(Shop.email(2));
        assertThat(audit.checkpoints).extracting(Checkpoint::sequence).containsExactly(records.get(1).sequence());
    }

    @Test
    void aFailedExportIsRecordedAndCheckpointedToo() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        assertThatThrownBy(() -> rights().export(ANN, "support:alice", broken))
                .isInstanceOf(ComplianceException.class);

        AuditRecord failed = newest();
        assertThat(failed.event().type()).isEqualTo(AuditEvent.TYPE_DATA_EXPORT);
        assertThat(failed.event().status()).isEqualTo(AuditStatus.FAILED);
        assertThat(audit.checkpoints).extracting(Checkpoint::sequence).containsExactly(failed.sequence());
    }

    @Test
    void aDryRunEndsWithACheckpointToo() {
        rights().dryRun(ANN, "support:alice");

        assertThat(audit.checkpoints).extracting(Checkpoint::sequence).containsExactly(newest().sequence());
    }

    @Test
    void withoutASigningKeyARequestStillSucceeds() {
        InMemoryAuditLog unsigned = InMemoryAuditLog.builder(clock).build();
        SubjectRights rights = SubjectRights.builder(Shop.store(4), Shop.map(), unsigned).withClock(clock)
                .withErasureContext(ErasureContext.withHashSecret(new byte[32])).build();

        assertThat(rights.erase(ANN, "support:alice").status()).isEqualTo(ErasureReceipt.Status.COMPLETED);
    }

    private AuditRecord newest() {
        return audit.query(AuditQuery.all().withLimit(1)).get(0);
    }

    private List<AuditRecord> oldestFirst() {
        List<AuditRecord> out = new ArrayList<>(audit.query(AuditQuery.all().withLimit(1000)));
        java.util.Collections.reverse(out);
        return out;
    }

    /** The in-memory log, keeping the checkpoints it signed in the order they were signed. */
    private static final class CheckpointingLog implements AuditLog {
        final AuditLog log;
        final List<Checkpoint> checkpoints = new ArrayList<>();

        CheckpointingLog(AuditLog log) {
            this.log = log;
        }

        @Override
        public AuditRecord append(AuditEvent event) {
            return log.append(event);
        }

        @Override
        public List<AuditRecord> appendAll(List<AuditEvent> events) {
            return log.appendAll(events);
        }

        @Override
        public List<AuditRecord> query(AuditQuery query) {
            return log.query(query);
        }

        @Override
        public Checkpoint checkpoint() {
            Checkpoint c = log.checkpoint();
            checkpoints.add(c);
            return c;
        }

        @Override
        public boolean signsCheckpoints() {
            return log.signsCheckpoints();
        }

        @Override
        public PruneResult prune(Instant before) {
            return log.prune(before);
        }

        @Override
        public AuditVerification verify(AuditRange range) {
            return log.verify(range);
        }
    }
}
