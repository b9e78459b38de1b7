package org.compliancekit.pii;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one place strategy names are resolved: the built-in {@code nullify} (alias {@code null}), {@code redact}
 * (optionally with its text), {@code hash}, {@code keep} (with its reason), and custom strategies registered by name.
 * The policy file's reader and writer use it, and so can any other front end naming strategies (annotations).
 *
 * <pre>{@code
 * StrategyRegistry strategies = StrategyRegistry.builtIn().with("last4", new Last4Digits());
 * Strategy s = strategies.resolve("redact", "[removed]");
 * StrategyRegistry.Named n = StrategyRegistry.nameOf(s);   // ("redact", "[removed]")
 * }</pre>
 *
 * <p>Immutable: {@link #with} returns a new registry.
 */
public final class StrategyRegistry {
    /** The name of {@link Strategy#nulled()} as written. */
    public static final String NULLIFY = "nullify";
    /** The name of {@link Strategy#redact()}; its argument is the replacement text. */
    public static final String REDACT = "redact";
    /** The name of {@link Strategy#hash()}. */
    public static final String HASH = "hash";
    /** The name of {@link Strategy#keep(String)}; its argument is the reason. */
    public static final String KEEP = "keep";
    /** The name under which a registered strategy is referred to; its argument is the registered name. */
    public static final String CUSTOM = "custom";

    private static final StrategyRegistry BUILT_IN = new StrategyRegistry(Map.of());

    private final Map<String, Strategy> custom;

    private StrategyRegistry(Map<String, Strategy> custom) {
        this.custom = Map.copyOf(custom);
    }

    /** A registry that knows only the built-in strategies. */
    public static StrategyRegistry builtIn() {
        return BUILT_IN;
    }

    /** A copy that also resolves {@code name} (as {@code custom: name}) to {@code strategy}. */
    public StrategyRegistry with(String name, Strategy strategy) {
        Objects.requireNonNull(strategy, "strategy");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a custom strategy needs a name");
        }
        Map<String, Strategy> m = new HashMap<>(custom);
        m.put(name, strategy);
        return new StrategyRegistry(m);
    }

    /**
     * The strategy named {@code name} with {@code argument} (null when there is none).
     *
     * @throws IllegalArgumentException naming what is wrong and what to write instead
     */
    public Strategy resolve(String name, String argument) {
        Objects.requireNonNull(name, "name");
        switch (name.toLowerCase(Locale.ROOT)) {
            case "null", NULLIFY:
                return Strategy.nulled();
            case HASH:
                return Strategy.hash();
            case REDACT:
                return argument == null ? Strategy.redact() : Strategy.redact(argument);
            case KEEP:
                if (argument == null || argument.isBlank()) {
                    throw new IllegalArgumentException("'keep' needs a reason: write {keep: \"why the field is kept\"}");
                }
                return Strategy.keep(argument);
            case CUSTOM:
                Strategy s = argument == null ? null : custom.get(argument);
                if (s == null) {
                    throw new IllegalArgumentException("custom strategy '" + argument + "' is not registered; register "
                            + "it with PolicyFiles.withStrategy(name, strategy) or StrategyRegistry.with(name, strategy)");
                }
                return s;
            default:
                throw new IllegalArgumentException("unknown strategy '" + name + "'; use null, redact, hash, "
                        + "{redact: text}, {keep: reason} or {custom: name}");
        }
    }

    /** How {@code strategy} is named: a built-in name with its argument, or {@code custom} with its own name. */
    public static Named nameOf(Strategy strategy) {
        if (strategy instanceof Strategy.Null) {
            return new Named(NULLIFY, null);
        } else if (strategy instanceof Strategy.Hash) {
            return new Named(HASH, null);
        } else if (strategy instanceof Strategy.Redact r) {
            return new Named(REDACT, r.text().equals(Strategy.Redact.DEFAULT_TEXT) ? null : r.text());
        } else if (strategy instanceof Strategy.Keep k) {
            return new Named(KEEP, k.reason());
        }
        return new Named(CUSTOM, strategy.name());
    }

    /**
     * A strategy's name and argument as a front end writes them.
     *
     * @param name one of the constants of {@link StrategyRegistry}
     * @param argument the redaction text (null for the default), the keep reason, the custom name; null otherwise
     */
    public record Named(String name, String argument) {
        /** Requires a name. */
        public Named {
            Objects.requireNonNull(name, "name");
        }
    }
}
