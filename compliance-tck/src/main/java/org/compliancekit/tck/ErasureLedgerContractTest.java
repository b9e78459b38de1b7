package org.compliancekit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.compliancekit.pii.RowAction;
import org.compliancekit.subject.ErasureLedger;
import org.compliancekit.subject.LedgerEntry;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ErasureLedger} promises: an entry recorded is returned whole by {@link
 * ErasureLedger#since} for every instant strictly before its erasure, entries come oldest first whatever order
 * they were recorded in, and a ledger opened again on the same storage still has them. {@link #open()} returns a
 * ledger over the storage shared by every call in one test.
 */
public abstract class ErasureLedgerContractTest {
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-01T10:00:00.000000001Z");
    private static final Instant T3 = Instant.parse("2026-03-02T08:30:00Z");

    /** A ledger over this test's storage; a second call reopens the same storage. */
    protected abstract ErasureLedger open();

    private static LedgerEntry entry(String id, Instant at) {
        return new LedgerEntry(id, at, "hmac:subject-" + id, List.of(
                new LedgerEntry.ErasedRows("users", RowAction.DELETE, List.of("hmac:row-" + id)),
                new LedgerEntry.ErasedRows("orders", RowAction.ANONYMIZE, List.of("hmac:o1-" + id, "hmac:o2-" + id))));
    }

    private static List<LedgerEntry> since(ErasureLedger ledger, Instant instant) {
        try (Stream<LedgerEntry> entries = ledger.since(instant)) {
            return entries.toList();
        }
    }

    @Test
    void anEmptyLedgerHasNoEntries() {
        assertThat(since(open(), Instant.EPOCH)).isEmpty();
    }

    @Test
    void entriesComeBackWholeOldestFirst() {
        ErasureLedger ledger = open();
        LedgerEntry late = entry("c", T3);
        LedgerEntry early = entry("a", T1);
        LedgerEntry middle = entry("b", T2);
        ledger.record(late);
        ledger.record(early);
        ledger.record(middle);

        assertThat(since(ledger, Instant.EPOCH)).containsExactly(early, middle, late);
    }

    @Test
    void sinceIsStrictlyAfter() {
        ErasureLedger ledger = open();
        ledger.record(entry("a", T1));
        ledger.record(entry("b", T2));
        ledger.record(entry("c", T3));

        assertThat(since(ledger, T1)).extracting(LedgerEntry::id).containsExactly("b", "c");
        assertThat(since(ledger, T2)).extracting(LedgerEntry::id).containsExactly("c");
        assertThat(since(ledger, T3)).isEmpty();
        assertThat(since(ledger, T1.minusNanos(1))).extracting(LedgerEntry::id).containsExactly("a", "b", "c");
    }

    @Test
    void entriesOfTheSameInstantAreAllKept() {
        ErasureLedger ledger = open();
        ledger.record(entry("a", T1));
        ledger.record(entry("b", T1));

        assertThat(since(ledger, Instant.EPOCH)).extracting(LedgerEntry::id).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void anEntryWithNoRowsSurvives() {
        ErasureLedger ledger = open();
        LedgerEntry empty = new LedgerEntry("e", T1, "hmac:nobody", List.of());
        ledger.record(empty);

        assertThat(since(ledger, Instant.EPOCH)).containsExactly(empty);
    }

    @Test
    void aReopenedLedgerStillHasItsEntries() {
        open().record(entry("a", T1));

        assertThat(since(open(), Instant.EPOCH)).containsExactly(entry("a", T1));
    }
}
