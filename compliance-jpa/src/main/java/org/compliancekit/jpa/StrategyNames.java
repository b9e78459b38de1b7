package org.compliancekit.jpa;

import java.util.Map;
import java.util.Optional;
import org.compliancekit.pii.Strategy;

/**
 * Turns a {@link PersonalData} annotation into a core {@link Strategy}: the built-ins by their factory methods, a
 * custom one by its registered name. The only place in this module that knows strategy names.
 */
final class StrategyNames {
    private final Map<String, Strategy> custom;

    StrategyNames(Map<String, Strategy> custom) {
        this.custom = Map.copyOf(custom);
    }

    /** The strategy, or empty with {@code problem} told why. */
    Optional<Strategy> resolve(PersonalData pd, java.util.function.Consumer<String> problem) {
        if (!pd.text().isEmpty() && pd.value() != Erasure.REDACT) {
            problem.accept("text is only read with Erasure.REDACT; remove it or use REDACT");
            return Optional.empty();
        }
        if (!pd.reason().isEmpty() && pd.value() != Erasure.KEEP) {
            problem.accept("reason is only read with Erasure.KEEP; remove it or use KEEP");
            return Optional.empty();
        }
        if (!pd.strategy().isEmpty() && pd.value() != Erasure.CUSTOM) {
            problem.accept("strategy is only read with Erasure.CUSTOM; remove it or use CUSTOM");
            return Optional.empty();
        }
        return switch (pd.value()) {
            case NULL -> Optional.of(Strategy.nulled());
            case HASH -> Optional.of(Strategy.hash());
            case REDACT -> {
                if (!pd.text().isEmpty() && pd.text().isBlank()) {
                    problem.accept("REDACT text must not be blank; omit it to use " + Strategy.Redact.DEFAULT_TEXT);
                    yield Optional.empty();
                }
                yield Optional.of(pd.text().isEmpty() ? Strategy.redact() : Strategy.redact(pd.text()));
            }
            case KEEP -> {
                if (pd.reason().isBlank()) {
                    problem.accept("KEEP needs a reason: say why the value is kept (e.g. 'bookkeeping law: 5 years')");
                    yield Optional.empty();
                }
                yield Optional.of(Strategy.keep(pd.reason()));
            }
            case CUSTOM -> {
                Strategy s = custom.get(pd.strategy());
                if (s == null) {
                    problem.accept(pd.strategy().isBlank() ? "CUSTOM needs the strategy's registered name"
                            : "custom strategy '" + pd.strategy() + "' is not registered; register it with "
                                    + "JpaScanner.withStrategy(name, strategy)");
                }
                yield Optional.ofNullable(s);
            }
        };
    }
}
