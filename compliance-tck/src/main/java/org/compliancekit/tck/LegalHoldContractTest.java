package org.compliancekit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.retention.LegalHold;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.RowKey;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LegalHold} promises: it reports exactly the held rows of the table asked about (held
 * one by one, or through a held subject) and whether a whole subject is held. The SPI only reads holds, so an
 * implementation's test places them through its own API in {@link #holding}.
 */
public abstract class LegalHoldContractTest {

    /**
     * A new hold on fresh storage holding exactly: the subjects whose id is one of {@code subjectIds}, and the rows
     * {@code rowKeys} of table {@code table}.
     */
    protected abstract LegalHold holding(List<String> subjectIds, String table, List<RowKey> rowKeys);

    @Test
    void nothingIsHeldWhenNothingWasPlaced() {
        LegalHold hold = holding(List.of(), "orders", List.of());
        assertThat(hold.isHeld(SubjectRef.ofId("42"))).isFalse();
        assertThat(hold.held("orders", List.of(new MatchedRow(RowKey.of(1L), "42")))).isEmpty();
    }

    @Test
    void aHeldSubjectIsHeldAndNoOther() {
        LegalHold hold = holding(List.of("42"), "orders", List.of());
        assertThat(hold.isHeld(SubjectRef.ofId("42"))).isTrue();
        assertThat(hold.isHeld(SubjectRef.ofId("43"))).isFalse();
    }

    @Test
    void rowsAreHeldOneByOneOrThroughTheirSubject() {
        LegalHold hold = holding(List.of("42"), "orders", List.of(RowKey.of(7L)));
        List<MatchedRow> rows = List.of(new MatchedRow(RowKey.of(5L), "42"), new MatchedRow(RowKey.of(6L), "41"),
                new MatchedRow(RowKey.of(7L), null), new MatchedRow(RowKey.of(8L), null));

        assertThat(hold.held("orders", rows)).containsExactlyInAnyOrder(RowKey.of(5L), RowKey.of(7L));
    }

    @Test
    void aRowHoldCoversOnlyItsOwnTable() {
        LegalHold hold = holding(List.of(), "orders", List.of(RowKey.of(7L)));
        assertThat(hold.held("invoices", List.of(new MatchedRow(RowKey.of(7L), null)))).isEmpty();
    }

    @Test
    void compositeKeysMatchWhole() {
        LegalHold hold = holding(List.of(), "coupon_usage", List.of(RowKey.of("SPRING", 3L)));
        assertThat(hold.held("coupon_usage", List.of(new MatchedRow(RowKey.of("SPRING", 3L), null),
                new MatchedRow(RowKey.of("SPRING", 4L), null), new MatchedRow(RowKey.of("AUTUMN", 3L), null))))
                .containsExactly(RowKey.of("SPRING", 3L));
    }

    @Test
    void noRowsAskedNoneHeld() {
        LegalHold hold = holding(List.of("42"), "orders", List.of(RowKey.of(7L)));
        assertThat(hold.held("orders", List.of())).isEmpty();
    }

    @Test
    void theNoHoldHoldsNothing() {
        assertThat(LegalHold.none().isHeld(SubjectRef.ofId("42"))).isFalse();
        assertThat(LegalHold.none().held("orders", List.of(new MatchedRow(RowKey.of(7L), "42")))).isEmpty();
    }
}
