package org.compliancekit.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyRegistryTest {
    private static final Strategy LAST4 = new Strategy() {
        @Override
        public String name() {
            return "last4";
        }

        @Override
        public Object apply(Object value, ErasureContext context) {
            return value == null ? null : "****";
        }

        @Override
        public ErasedForm erasedForm() {
            return ErasedForm.equalTo("****");
        }
    };

    @Test
    void everyStrategyResolvesFromTheNameItIsWrittenUnder() {
        StrategyRegistry registry = StrategyRegistry.builtIn().with("last4", LAST4);
        for (Strategy s : List.of(Strategy.nulled(), Strategy.hash(), Strategy.redact(), Strategy.redact("[gone]"),
                Strategy.keep("bookkeeping law"), LAST4)) {
            StrategyRegistry.Named named = StrategyRegistry.nameOf(s);
            assertThat(registry.resolve(named.name(), named.argument())).isEqualTo(s);
        }
        assertThat(registry.resolve("NULL", null)).isEqualTo(Strategy.nulled());
        assertThat(StrategyRegistry.nameOf(Strategy.redact()).argument()).isNull();
        assertThat(StrategyRegistry.nameOf(LAST4)).isEqualTo(new StrategyRegistry.Named("custom", "last4"));
    }

    @Test
    void unknownNamesMissingReasonsAndUnregisteredCustomsAreRefusedWithTheFix() {
        StrategyRegistry registry = StrategyRegistry.builtIn();
        assertThatThrownBy(() -> registry.resolve("hsh", null)).hasMessageContaining("unknown strategy 'hsh'");
        assertThatThrownBy(() -> registry.resolve("keep", " ")).hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> registry.resolve("custom", "last4")).hasMessageContaining("not registered");
        assertThatThrownBy(() -> registry.with(" ", LAST4)).hasMessageContaining("needs a name");
    }
}
