package org.compliancekit.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.store.RowKey;
import org.junit.jupiter.api.Test;

class KeyedHashesTest {
    private final ErasureContext context = ErasureContext.withHashSecret("0123456789abcdef0123".getBytes());
    private final KeyedHashes hashes = new KeyedHashes(context);

    @Test
    void aKeyHashesAlikeWhateverNumberTypeADriverReturns() {
        String expected = hashes.row("orders", RowKey.of(42L));

        assertThat(hashes.row("orders", RowKey.of(42))).isEqualTo(expected);
        assertThat(hashes.row("orders", RowKey.of(new BigDecimal("42.00")))).isEqualTo(expected);
        assertThat(hashes.row("ORDERS", RowKey.of((short) 42))).as("table names fold case").isEqualTo(expected);
        assertThat(hashes.row("orders", RowKey.of(43L))).isNotEqualTo(expected);
        assertThat(hashes.row("items", RowKey.of(42L))).isNotEqualTo(expected);
    }

    @Test
    void compositeKeysCannotCollideBySplittingDifferently() {
        assertThat(hashes.row("t", RowKey.of("a", "bc"))).isNotEqualTo(hashes.row("t", RowKey.of("ab", "c")));
    }

    @Test
    void ledgerHashesDifferFromTheHashStrategysOutputForTheSameText() {
        String email = "ann@example.com";
        String stored = (String) Strategy.hash().apply(email, context);

        assertThat(hashes.subject(SubjectRef.ofEmail(email))).startsWith("hmac:").hasSize(48).isNotEqualTo(stored);
        assertThat(hashes.subject(SubjectRef.of(7, email))).isEqualTo(hashes.subject(SubjectRef.ofId(7)));
    }

    @Test
    void labelsNameIdsAndHideEmails() {
        assertThat(hashes.label(SubjectRef.of(7, "ann@example.com"))).isEqualTo("id:7");
        assertThat(hashes.label(SubjectRef.ofEmail("ann@example.com"))).startsWith("hmac:");
        assertThat(new KeyedHashes(ErasureContext.none()).label(SubjectRef.ofEmail("ann@example.com")))
                .doesNotContain("ann").contains("no hash secret");
    }
}
