package org.compliancekit.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an attribute holding personal data and says what erasure makes of it. On a basic attribute it maps that
 * column; on an {@code @Embedded} attribute every column of the embeddable not annotated itself; on an
 * {@code @ElementCollection} the element column(s) of the collection table.
 *
 * <pre>{@code
 * @PersonalData(Erasure.HASH) String email;
 * @PersonalData(value = Erasure.REDACT, text = "[gone]") String name;
 * @PersonalData(value = Erasure.KEEP, reason = "bookkeeping law: 10 years") BigDecimal amount;
 * @PersonalData(value = Erasure.CUSTOM, strategy = "last-four") String phone;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface PersonalData {
    /** What erasure does with the value; {@link Erasure#NULL} unless said otherwise. */
    Erasure value() default Erasure.NULL;

    /** The replacement text of {@link Erasure#REDACT}; empty for the default {@code [REDACTED]}. */
    String text() default "";

    /** Why the value is kept; required with {@link Erasure#KEEP}. */
    String reason() default "";

    /** The registered name of the strategy; required with {@link Erasure#CUSTOM}. */
    String strategy() default "";
}
