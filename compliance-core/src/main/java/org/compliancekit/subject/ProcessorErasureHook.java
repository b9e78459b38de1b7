package org.compliancekit.subject;

import org.compliancekit.pii.SubjectRef;

/**
 * Passes an erasure on to one processor of the register (GDPR art. 17(2) and 19), e.g. cancels the customer at the
 * payment provider. Hooks run after the local erasure has committed, one after the other; a failing hook never
 * undoes the local erasure, it is recorded as {@link HookStatus#FAILED} and can be retried with
 * {@link SubjectRights#retryHooks}. Hooks should therefore be idempotent.
 */
public interface ProcessorErasureHook {

    /** The name of the processor in the PII map's register, e.g. {@code Stripe}. */
    String processor();

    /**
     * Erases {@code subject} at the processor. Throwing counts as {@link HookStatus#FAILED}; only the exception's
     * type is recorded, as its message may carry personal data.
     */
    HookResult erase(SubjectRef subject);
}
