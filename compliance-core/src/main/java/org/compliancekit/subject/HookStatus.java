package org.compliancekit.subject;

/** Outcome of a {@link ProcessorErasureHook}. */
public enum HookStatus {
    /** The processor erased or cancelled the subject's data. */
    DONE,
    /** The hook failed; {@link SubjectRights#retryHooks} runs it again. */
    FAILED,
    /** The processor offers no API for this: a person must act, following the hook's note. */
    MANUAL,
    /** Not run: a dry run, or an erasure refused because of a legal hold. */
    NOT_RUN
}
