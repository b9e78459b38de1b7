package org.compliancekit.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.Size;

class StrategyPropertiesTest {

    @Property
    void hashIsDeterministicPerSecret(@ForAll @NotBlank String value, @ForAll @Size(min = 16, max = 64) byte[] secret) {
        ErasureContext a = ErasureContext.withHashSecret(secret);
        ErasureContext b = ErasureContext.withHashSecret(secret.clone());
        assertThat(Strategy.hash().apply(value, a)).isEqualTo(Strategy.hash().apply(value, b));
    }

    @Property
    void hashDiffersAcrossSecrets(@ForAll @NotBlank String value, @ForAll @Size(min = 16, max = 32) byte[] s1,
            @ForAll @Size(min = 16, max = 32) byte[] s2) {
        net.jqwik.api.Assume.that(!java.util.Arrays.equals(s1, s2));
        assertThat(Strategy.hash().apply(value, ErasureContext.withHashSecret(s1)))
                .isNotEqualTo(Strategy.hash().apply(value, ErasureContext.withHashSecret(s2)));
    }

    @Property
    void nullAndRedactAreIdempotent(@ForAll String value, @ForAll("redactTexts") String text) {
        ErasureContext ctx = ErasureContext.none();
        for (Strategy s : List.of(Strategy.nulled(), Strategy.redact(), Strategy.redact(text))) {
            Object once = s.apply(value, ctx);
            assertThat(s.apply(once, ctx)).isEqualTo(once);
            assertThat(s.erasedForm().matches(once)).isTrue();
        }
    }

    @Property
    void noErasingStrategyReturnsItsInputForNonEmptyPii(@ForAll("pii") String value,
            @ForAll @Size(min = 16, max = 32) byte[] secret) {
        ErasureContext ctx = ErasureContext.withHashSecret(secret);
        for (Strategy s : List.of(Strategy.nulled(), Strategy.redact(), Strategy.redact("[slettet]"), Strategy.hash())) {
            assertThat(s.apply(value, ctx)).as(s.name()).isNotEqualTo(value);
        }
    }

    @Property
    void hashOutputHasTheDocumentedShape(@ForAll @NotBlank String value) {
        Object out = Strategy.hash().apply(value, ErasureContext.withHashSecret(new byte[32]));
        assertThat((String) out).hasSize(Strategy.Hash.OUTPUT_LENGTH).startsWith(Strategy.Hash.PREFIX);
    }

    /** Personal data never looks like an erased value: exclude the redact texts and hash outputs themselves. */
    @Provide
    Arbitrary<String> pii() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(80)
                .filter(s -> !s.equals("[REDACTED]") && !s.equals("[slettet]") && !s.startsWith(Strategy.Hash.PREFIX));
    }

    @Provide
    Arbitrary<String> redactTexts() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20);
    }
}
