package org.compliancekit.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A condition of a {@link Retain} rule on one attribute of the entity. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface When {
    /** The attribute the condition reads. */
    String attribute();

    /** The test; {@link Test#IN} compares with {@link #in()}. */
    Test is() default Test.IN;

    /** The values of {@link Test#IN}, as text (an enum stored as a string: its constant names). */
    String[] in() default {};

    /** What a {@link When} tests. */
    enum Test {
        IN, TRUE, FALSE, NULL, NOT_NULL
    }
}
