package org.compliancekit.audit;

import java.util.Optional;

/**
 * The outcome of erasing personal fields from audit records ({@link AuditLog#erasePersonalFields(String)},
 * {@link AuditLog#erasePersonalFieldsBefore}). The records' hashes are unchanged: the chain still verifies.
 *
 * @param records how many records had at least one personal field erased
 * @param fields how many personal field values were erased in all
 * @param record the {@code personal_field_erasure} record appended for the erasure; {@code null} when nothing was
 *     erased (nothing is appended then)
 */
public record PersonalFieldErasure(long records, long fields, AuditRecord record) {

    /** Nothing matched: no field erased, no record appended. */
    public static PersonalFieldErasure nothing() {
        return new PersonalFieldErasure(0, 0, null);
    }

    /** The record of the erasure, when something was erased. */
    public Optional<AuditRecord> erasureRecord() {
        return Optional.ofNullable(record);
    }
}
