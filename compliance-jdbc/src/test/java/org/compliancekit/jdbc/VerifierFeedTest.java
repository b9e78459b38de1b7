package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compliancekit.audit.AuditChain;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.audit.ChainBreak.Reason;
import org.compliancekit.audit.ChainRow;
import org.compliancekit.audit.ChainVerifier;
import org.junit.jupiter.api.Test;

/** The hand-over to the hashing thread must keep order, stop at a break, and never hang or swallow a failure. */
class VerifierFeedTest {

    private static final Duration NO_HANG = Duration.ofSeconds(30);

    @Test
    void everyRowReachesTheVerifierInOrderAcrossBatches() {
        List<ChainRow> rows = chain(10);
        ChainVerifier verifier = ChainVerifier.after(0, AuditChain.GENESIS_HASH).head(10, rows.get(9).hash());

        try (VerifierFeed feed = VerifierFeed.start(verifier, 3, "t")) {
            rows.forEach(row -> assertThat(feed.accept(row)).isTrue());
            feed.finish();
        }
        AuditVerification v = verifier.finish();

        assertThat(v.valid()).isTrue();
        assertThat(v.recordsChecked()).isEqualTo(10);
    }

    @Test
    void aBreakStopsTheFeedAndIsReportedWhereItIs() {
        List<ChainRow> rows = chain(200);
        ChainRow original = rows.get(3);
        rows.set(3, new ChainRow(original.sequence(), original.occurredAt(), original.type(), original.status(),
                original.actor(), "changed", original.detailsJson(), original.durationNanos(), original.dryRun(),
                original.previousHash(), original.hash()));
        ChainVerifier verifier = ChainVerifier.after(0, AuditChain.GENESIS_HASH);
        int handed = 0;

        try (VerifierFeed feed = VerifierFeed.start(verifier, 2, "t")) {
            for (ChainRow row : rows) {
                handed++;
                if (!feed.accept(row)) {
                    break;
                }
                // Give the worker time to reach the break: the feed must then refuse rows.
                if (handed == 100) {
                    sleep();
                }
            }
            feed.finish();
        }
        AuditVerification v = verifier.finish();

        assertThat(handed).isLessThan(rows.size());
        assertThat(v.firstBreak()).isNotNull();
        assertThat(v.firstBreak().sequence()).isEqualTo(4);
        assertThat(v.firstBreak().reason()).isEqualTo(Reason.HASH_MISMATCH);
    }

    @Test
    void aFailureOnTheHashingThreadReachesTheCaller() {
        ChainVerifier verifier = ChainVerifier.after(0, AuditChain.GENESIS_HASH);

        assertTimeoutPreemptively(NO_HANG, () -> {
            try (VerifierFeed feed = VerifierFeed.start(verifier, 1, "t")) {
                feed.accept(null);
                for (ChainRow row : chain(50)) {
                    feed.accept(row);
                }
                assertThatThrownBy(feed::finish).isInstanceOf(NullPointerException.class);
            }
        });
    }

    @Test
    void closingWithoutFinishingEndsTheWorker() {
        ChainVerifier verifier = ChainVerifier.after(0, AuditChain.GENESIS_HASH);

        assertTimeoutPreemptively(NO_HANG, () -> {
            VerifierFeed feed = VerifierFeed.start(verifier, 1, "t");
            chain(5).forEach(feed::accept);
            feed.close();
            assertThat(feed.accept(chain(1).get(0))).isFalse();
        });
    }

    private static List<ChainRow> chain(int n) {
        List<ChainRow> rows = new ArrayList<>(n);
        String previous = AuditChain.GENESIS_HASH;
        Instant t = Instant.parse("2026-11-24T00:00:00Z");
        for (int i = 1; i <= n; i++) {
            ChainRow row = AuditChain.link(i, t.plusSeconds(i), new AuditEvent("test", AuditStatus.COMPLETED, "a",
                    "row " + i, Map.of("i", i), Duration.ZERO, false), previous);
            rows.add(row);
            previous = row.hash();
        }
        return rows;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
