package org.compliancekit.subject;

import java.time.Instant;
import java.util.Objects;

/**
 * How one processor hook ended, as the receipt records it.
 *
 * @param processor the processor's name in the register
 * @param status the outcome
 * @param note the hook's remark, or the exception type when it threw; never personal data
 * @param at when the hook finished; {@code null} when it did not run
 * @param attempts how often the hook ran (0 when it did not run)
 */
public record HookOutcome(String processor, HookStatus status, String note, Instant at, int attempts) {
    public HookOutcome {
        Objects.requireNonNull(processor, "processor");
        Objects.requireNonNull(status, () -> "status of hook " + processor);
        note = note == null ? "" : note;
    }

    static HookOutcome notRun(String processor) {
        return new HookOutcome(processor, HookStatus.NOT_RUN, "", null, 0);
    }
}
