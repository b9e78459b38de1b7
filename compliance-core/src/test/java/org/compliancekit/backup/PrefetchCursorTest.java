package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.compliancekit.IntegrityException;
import org.compliancekit.StorageException;
import org.compliancekit.store.RowCursor;
import org.junit.jupiter.api.Test;

/** Reading ahead on another thread changes nothing the reader sees: rows, order, end, failures, closing. */
class PrefetchCursorTest {

    /** A cursor of {@code rows} rows that fails after {@code failAfter} of them (never when negative). */
    private static final class Source implements RowCursor {
        final AtomicInteger closed = new AtomicInteger();
        final List<String> threads = new ArrayList<>();
        private final int rows;
        private final int failAfter;
        private int next;

        Source(int rows, int failAfter) {
            this.rows = rows;
            this.failAfter = failAfter;
        }

        @Override
        public List<String> columns() {
            return List.of("id");
        }

        @Override
        public Object[] next() {
            if (next == failAfter) {
                throw new StorageException("reading table t failed: the connection was lost");
            }
            if (next == 0) {
                threads.add(Thread.currentThread().getName());
            }
            return next < rows ? new Object[] {next++} : null;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void handsOverEveryRowInOrderAcrossBatchesThenTheEndAndClosesTheSourceOnce() {
        int n = PrefetchCursor.BATCH_ROWS * PrefetchCursor.DEPTH * 3 + 7;
        Source source = new Source(n, -1);
        List<Integer> seen = new ArrayList<>();
        try (RowCursor c = PrefetchCursor.start(source, "t")) {
            assertThat(c.columns()).containsExactly("id");
            for (Object[] r = c.next(); r != null; r = c.next()) {
                seen.add((Integer) r[0]);
            }
            assertThat(c.next()).isNull();
        }
        assertThat(seen).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(source.closed).hasValue(1);
        assertThat(source.threads).containsExactly("compliance-backup-fetch");
    }

    @Test
    void aFailureWhileFetchingReachesTheReaderAfterTheRowsBeforeIt() {
        Source source = new Source(10_000, 1_000);
        List<Object[]> seen = new ArrayList<>();
        RowCursor c = PrefetchCursor.start(source, "t");
        assertThatThrownBy(() -> {
            for (Object[] r = c.next(); r != null; r = c.next()) {
                seen.add(r);
            }
        }).isInstanceOf(StorageException.class).hasMessageContaining("reading table t failed");
        c.close();
        assertThat(seen.size()).isLessThanOrEqualTo(1_000);
        assertThat(source.closed).hasValue(1);
    }

    @Test
    void closingEarlyStopsTheFetcherAndClosesTheSourceBeforeReturning() {
        Source source = new Source(1_000_000, -1);
        RowCursor c = PrefetchCursor.start(source, "t");
        assertThat(c.next()).containsExactly(0);
        c.close(); // the fetcher is blocked on the full queue by now or soon: close must free it
        assertThat(source.closed).hasValue(1);
        assertThat(source.next).isLessThan(1_000_000);
        c.close();
        assertThat(source.closed).hasValue(1);
    }

    // As a restore uses it: a source that fails its checks at the end, read while the caller loads.

    /** Counts 1..rows, then fails (when {@code failure} is set) or ends. */
    private static final class Counting implements RowCursor {
        private final int rows;
        private final RuntimeException failure;
        private final AtomicBoolean closed = new AtomicBoolean();
        private int next;

        Counting(int rows, RuntimeException failure) {
            this.rows = rows;
            this.failure = failure;
        }

        @Override
        public List<String> columns() {
            return List.of("n");
        }

        @Override
        public Object[] next() {
            if (next == rows) {
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
            return new Object[] {++next};
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void deliversEveryRowInOrderThenTheEnd() {
        Counting source = new Counting(5_000, null);
        try (RowCursor cursor = PrefetchCursor.start(source, "t")) {
            assertThat(cursor.columns()).containsExactly("n");
            for (int i = 1; i <= 5_000; i++) {
                assertThat(cursor.next()).containsExactly(i);
            }
            assertThat(cursor.next()).isNull();
            assertThat(cursor.next()).isNull();
        }
        assertThat(source.closed).isTrue();
    }

    @Test
    void aFailureOfTheSourceArrivesAfterTheRowsReadBeforeIt() {
        IntegrityException damaged = new IntegrityException("the file is damaged");
        try (RowCursor cursor = PrefetchCursor.start(new Counting(1_000, damaged), "t")) {
            for (int i = 1; i <= 1_000; i++) {
                assertThat(cursor.next()).containsExactly(i);
            }
            assertThatThrownBy(cursor::next).isSameAs(damaged);
            assertThatThrownBy(cursor::next).isSameAs(damaged);
        }
    }

    @Test
    void closingEarlyStopsTheReaderAndClosesTheSource() {
        Counting source = new Counting(1_000_000, null);
        RowCursor cursor = PrefetchCursor.start(source, "t");
        assertThat(cursor.next()).containsExactly(1);
        cursor.close();
        assertThat(source.closed).isTrue();
        assertThat(source.next).isLessThan(1_000_000);
    }
}
