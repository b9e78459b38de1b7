package org.compliancekit.job;

import java.util.Objects;
import java.util.Optional;

/**
 * One step of a daily run: its state, why (for anything but {@link StepState#RAN}), and its result when it ran.
 *
 * @param <T> the step's result type
 */
public record Step<T>(StepState state, String reason, T result) {
    public Step {
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
    }

    static <T> Step<T> ran(T result) {
        return new Step<>(StepState.RAN, "", result);
    }

    static <T> Step<T> not(StepState state, String reason) {
        return new Step<>(state, reason, null);
    }

    /** The result, present when the step ran. */
    public Optional<T> value() {
        return Optional.ofNullable(result);
    }
}
