package org.compliancekit.subject;

import java.util.Objects;

/**
 * What a {@link ProcessorErasureHook} reports back.
 *
 * @param status {@link HookStatus#DONE}, {@link HookStatus#FAILED} or {@link HookStatus#MANUAL}
 * @param note a short remark for the receipt (a ticket number, instructions for a manual step, a failure reason);
 *     it is stored in the audit trail, so it must not contain personal data
 */
public record HookResult(HookStatus status, String note) {
    public HookResult {
        Objects.requireNonNull(status, "hook status");
        if (status == HookStatus.NOT_RUN) {
            throw new IllegalArgumentException("a hook reports DONE, FAILED or MANUAL; NOT_RUN is for hooks not run");
        }
        note = note == null ? "" : note;
    }

    public static HookResult done() {
        return new HookResult(HookStatus.DONE, "");
    }

    public static HookResult done(String note) {
        return new HookResult(HookStatus.DONE, note);
    }

    /** A step a person must take, e.g. "delete the customer in the CRM's admin console". */
    public static HookResult manual(String instructions) {
        return new HookResult(HookStatus.MANUAL, instructions);
    }

    public static HookResult failed(String reason) {
        return new HookResult(HookStatus.FAILED, reason);
    }
}
