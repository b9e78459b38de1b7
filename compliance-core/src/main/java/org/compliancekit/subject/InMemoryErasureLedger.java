package org.compliancekit.subject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The ledger in memory: entries kept in a list, sorted by time on read. */
final class InMemoryErasureLedger implements ErasureLedger {
    private final List<LedgerEntry> entries = new ArrayList<>();

    @Override
    public synchronized void record(LedgerEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized Stream<LedgerEntry> since(Instant instant) {
        return entries.stream().filter(e -> e.erasedAt().isAfter(instant))
                .sorted(Comparator.comparing(LedgerEntry::erasedAt)).toList().stream();
    }
}
