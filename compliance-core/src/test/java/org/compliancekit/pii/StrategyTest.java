package org.compliancekit.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.compliancekit.ConfigurationException;
import org.junit.jupiter.api.Test;

class StrategyTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ErasureContext CTX = ErasureContext.withHashSecret(SECRET);

    @Test
    void nullReplacesAnyValueWithNull() {
        assertThat(Strategy.nulled().apply("alice@example.com", CTX)).isNull();
        assertThat(Strategy.nulled().apply(42, CTX)).isNull();
        assertThat(Strategy.nulled().erasedForm().matches(null)).isTrue();
        assertThat(Strategy.nulled().erasedForm().matches("x")).isFalse();
        assertThat(Strategy.nulled().dependsOnValue()).isFalse();
    }

    @Test
    void redactUsesTheDefaultOrConfiguredTextAndLeavesNullAlone() {
        assertThat(Strategy.redact().apply("Alice", CTX)).isEqualTo("[REDACTED]");
        assertThat(Strategy.redact("[slettet]").apply("Alice", CTX)).isEqualTo("[slettet]");
        assertThat(Strategy.redact().apply(null, CTX)).isNull();
        assertThat(Strategy.redact().erasedForm().matches("[REDACTED]")).isTrue();
        assertThat(Strategy.redact().erasedForm().matches("Alice")).isFalse();
        assertThatThrownBy(() -> Strategy.redact(" ")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void hashIsTheDocumentedHmacEncoding() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String expected = "hmac:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal("alice@example.com".getBytes(StandardCharsets.UTF_8)));
        Object hashed = Strategy.hash().apply("alice@example.com", CTX);
        assertThat(hashed).isEqualTo(expected);
        assertThat((String) hashed).hasSize(Strategy.Hash.OUTPUT_LENGTH).matches("hmac:[A-Za-z0-9_-]{43}");
    }

    @Test
    void hashIsStableAcrossContextsWithTheSameSecretAndDiffersAcrossSecrets() {
        ErasureContext again = ErasureContext.withHashSecret(SECRET.clone());
        ErasureContext other = ErasureContext.withHashSecret("another-secret-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII));
        assertThat(Strategy.hash().apply("bob", CTX)).isEqualTo(Strategy.hash().apply("bob", again));
        assertThat(Strategy.hash().apply("bob", CTX)).isNotEqualTo(Strategy.hash().apply("bob", other));
    }

    @Test
    void hashDoesNotHashAHashAgainAndLeavesNullAlone() {
        Object once = Strategy.hash().apply("carol", CTX);
        assertThat(Strategy.hash().apply(once, CTX)).isEqualTo(once);
        assertThat(Strategy.hash().apply(null, CTX)).isNull();
        assertThat(Strategy.hash().erasedForm().matches(once)).isTrue();
    }

    @Test
    void hashWithoutASecretFailsNamingTheSetting() {
        assertThatThrownBy(() -> Strategy.hash().apply("dave", ErasureContext.none()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("hash secret");
    }

    @Test
    void shortSecretsAreRefusedAndSecretsNeverPrinted() {
        assertThatThrownBy(() -> ErasureContext.withHashSecret(new byte[8])).isInstanceOf(ConfigurationException.class);
        assertThat(CTX.toString()).doesNotContain("0123456789");
    }

    @Test
    void keepKeepsTheValueAndRequiresAReason() {
        assertThat(Strategy.keep("bookkeeping law: 5 years").apply("12.50", CTX)).isEqualTo("12.50");
        assertThat(Strategy.keep("x").keepsValue()).isTrue();
        assertThatThrownBy(() -> Strategy.keep("")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void aCustomStrategyPlugsIn() {
        Strategy last4 = new Last4Strategy();
        assertThat(last4.apply("+45 1234 5678", CTX)).isEqualTo("****5678");
        assertThat(last4.erasedForm().matches("****5678")).isTrue();
        assertThat(last4.dependsOnValue()).isTrue();
    }
}
