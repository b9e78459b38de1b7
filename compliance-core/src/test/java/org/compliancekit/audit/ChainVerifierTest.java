package org.compliancekit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.ChainBreak.Reason;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private static final Instant T = Instant.parse("2026-04-01T08:00:00Z");
    private final CheckpointSigner signer = CheckpointSigner.generate("unit");

    @Test
    void anIntactChainVerifiesAndCountsRowsAndCheckpoints() {
        List<ChainRow> rows = chain(10);
        AuditVerification v = run(ChainVerifier.after(0, AuditChain.GENESIS_HASH).head(10, rows.get(9).hash())
                .checkpoints(List.of(checkpointAt(rows, 5), checkpointAt(rows, 10)), signer.verifier()), rows);
        assertThat(v.valid()).isTrue();
        assertThat(v.recordsChecked()).isEqualTo(10);
        assertThat(v.checkpointsChecked()).isEqualTo(2);
        assertThat(v.breakage()).isEmpty();
    }

    @Test
    void namesEachKindOfBreak() {
        List<ChainRow> rows = chain(10);
        List<ChainRow> edited = new ArrayList<>(rows);
        ChainRow r4 = rows.get(3);
        edited.set(3, new ChainRow(4, r4.occurredAt(), r4.type(), r4.status(), "someone else", r4.summary(),
                r4.detailsJson(), r4.durationNanos(), r4.dryRun(), r4.previousHash(), r4.hash()));
        assertThat(breakOf(edited)).isEqualTo(new Key(4, Reason.HASH_MISMATCH));

        List<ChainRow> gap = new ArrayList<>(rows);
        gap.remove(5);
        assertThat(breakOf(gap)).isEqualTo(new Key(6, Reason.GAP));

        List<ChainRow> swapped = new ArrayList<>(rows);
        swapped.set(2, rows.get(7).withSequence(3));
        swapped.set(7, rows.get(2).withSequence(8));
        assertThat(breakOf(swapped)).isEqualTo(new Key(3, Reason.REORDER));

        List<ChainRow> forged = new ArrayList<>(rows);
        forged.add(AuditChain.link(11, T, AuditEvent.of("backup", AuditStatus.SUCCESS, null, "x"), rows.get(9).hash()));
        assertThat(run(ChainVerifier.after(0, AuditChain.GENESIS_HASH).head(10, rows.get(9).hash()), forged)
                .firstBreak().reason()).isEqualTo(Reason.FORGED_ROW);

        List<ChainRow> replaced = new ArrayList<>(rows);
        replaced.set(4, AuditChain.link(5, T, AuditEvent.of("backup", AuditStatus.FAILED, null, "fake"),
                rows.get(3).hash()));
        assertThat(breakOf(replaced)).isEqualTo(new Key(5, Reason.FORGED_ROW));
    }

    @Test
    void checkpointsCatchARewriteAForgeryAndACutTail() {
        List<ChainRow> rows = chain(6);
        Checkpoint at6 = checkpointAt(rows, 6);
        List<ChainRow> rewritten = chain(6, "rewritten");
        assertThat(run(ChainVerifier.after(0, AuditChain.GENESIS_HASH).checkpoints(List.of(at6), signer.verifier()),
                rewritten).firstBreak().reason()).isEqualTo(Reason.CHECKPOINT_MISMATCH);

        Checkpoint forgedCheckpoint = new Checkpoint(6, rewritten.get(5).hash(), at6.createdAt(), at6.keyId(), at6.signature());
        ChainBreak bad = run(ChainVerifier.after(0, AuditChain.GENESIS_HASH)
                .checkpoints(List.of(forgedCheckpoint), signer.verifier()), rewritten).firstBreak();
        assertThat(bad.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(bad.explanation()).doesNotContain(at6.signature());

        Checkpoint foreign = CheckpointSigner.generate("someone-else").sign(6, rows.get(5).hash(), T);
        ChainBreak untrusted = run(ChainVerifier.after(0, AuditChain.GENESIS_HASH)
                .checkpoints(List.of(foreign), signer.verifier()), rows).firstBreak();
        assertThat(untrusted.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(untrusted.explanation()).contains("'someone-else'").contains("not a trusted key");

        ChainBreak cut = run(ChainVerifier.after(0, AuditChain.GENESIS_HASH)
                .checkpoints(List.of(at6), signer.verifier()), rows.subList(0, 4)).firstBreak();
        assertThat(cut).extracting(ChainBreak::sequence, ChainBreak::reason).containsExactly(5L, Reason.CHECKPOINT_MISMATCH);
    }

    @Test
    void aBoundedRangeIgnoresTheTailAndAPrunedGenesisMustBeSigned() {
        List<ChainRow> rows = chain(8);
        AuditVerification part = run(ChainVerifier.after(2, rows.get(1).hash()).upTo(5).head(8, rows.get(7).hash()),
                rows.subList(2, 8));
        assertThat(part.valid()).isTrue();
        assertThat(part.lastSequence()).isEqualTo(5);

        ChainBreak unsigned = run(ChainVerifier.after(2, rows.get(1).hash()).genesisMustBeSigned(), rows.subList(2, 8))
                .firstBreak();
        assertThat(unsigned).extracting(ChainBreak::sequence, ChainBreak::reason).containsExactly(2L, Reason.GAP);
        AuditVerification signed = run(ChainVerifier.after(2, rows.get(1).hash()).genesisMustBeSigned()
                .checkpoints(List.of(checkpointAt(rows, 2)), signer.verifier()), rows.subList(2, 8));
        assertThat(signed.valid()).isTrue();
    }

    @Test
    void anInMemoryLogWithoutSignerRefusesCheckpointsButStillVerifies() {
        InMemoryAuditLog log = InMemoryAuditLog.builder(Clock.fixed(T, ZoneOffset.UTC)).build();
        log.append(AuditEvent.of("backup", AuditStatus.SUCCESS, null, "x"));
        assertThatThrownBy(log::checkpoint).isInstanceOf(ConfigurationException.class).hasMessageContaining("withSigner");
        assertThatThrownBy(() -> log.prune(T.plusSeconds(1))).isInstanceOf(ConfigurationException.class);
        assertThat(log.verify().valid()).isTrue();
    }

    @Test
    void rangesMustBeOrderedAndStartAtOne() {
        assertThatThrownBy(() -> AuditRange.sequences(5, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5..2");
        assertThatThrownBy(() -> AuditRange.sequences(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AuditRange.all().toHead()).isTrue();
        assertThat(AuditRange.sequences(1, 9).toHead()).isFalse();
    }

    private record Key(long sequence, Reason reason) {
    }

    private Key breakOf(List<ChainRow> rows) {
        ChainBreak b = run(ChainVerifier.after(0, AuditChain.GENESIS_HASH), rows).firstBreak();
        assertThat(b).as("a break").isNotNull();
        return new Key(b.sequence(), b.reason());
    }

    private static AuditVerification run(ChainVerifier verifier, List<ChainRow> rows) {
        for (ChainRow r : rows) {
            if (!verifier.accept(r)) {
                break;
            }
        }
        return verifier.finish();
    }

    private Checkpoint checkpointAt(List<ChainRow> rows, int sequence) {
        return signer.sign(sequence, rows.get(sequence - 1).hash(), T);
    }

    private static List<ChainRow> chain(int n) {
        return chain(n, "event");
    }

    private static List<ChainRow> chain(int n, String summary) {
        List<ChainRow> rows = new ArrayList<>();
        String previous = AuditChain.GENESIS_HASH;
        for (int i = 1; i <= n; i++) {
            ChainRow row = AuditChain.link(i, T.plusSeconds(i), AuditEvent.of("backup", AuditStatus.SUCCESS, null,
                    summary + " " + i), previous);
            rows.add(row);
            previous = row.hash();
        }
        return rows;
    }
}
