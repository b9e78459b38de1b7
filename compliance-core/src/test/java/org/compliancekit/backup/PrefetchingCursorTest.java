package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.compliancekit.IntegrityException;
import org.compliancekit.store.RowCursor;
import org.junit.jupiter.api.Test;

class PrefetchingCursorTest {

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
        try (PrefetchingCursor cursor = new PrefetchingCursor(source)) {
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
        try (PrefetchingCursor cursor = new PrefetchingCursor(new Counting(1_000, damaged))) {
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
        PrefetchingCursor cursor = new PrefetchingCursor(source);
        assertThat(cursor.next()).containsExactly(1);
        cursor.close();
        assertThat(source.closed).isTrue();
        assertThat(source.next).isLessThan(1_000_000);
    }
}
