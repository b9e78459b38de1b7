package org.compliancekit.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Why the entity's personal data is processed and which categories it holds; shown in exports (GDPR art. 15) and
 * the record of processing activities (art. 30). Applies to every table of the entity.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Purpose {
    /** The purpose, e.g. {@code "order fulfilment"}. */
    String value();

    /** Data categories, e.g. {@code "contact details"}. */
    String[] categories() default {};
}
