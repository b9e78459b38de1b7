package org.compliancekit.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.compliancekit.pii.RowAction;

/**
 * A retention rule on the entity's rows: once {@link #after()} has passed since the {@link #countingFrom()}
 * attribute, the rows matching {@link #when()} are anonymized or deleted.
 *
 * <pre>{@code
 * @Retain(action = RowAction.DELETE, after = "30d", countingFrom = "startedAt")
 * @Retain(name = "orders-anonymize", action = RowAction.ANONYMIZE, after = "730d", countingFrom = "placedAt",
 *         when = @When(attribute = "status", in = {"SHIPPED", "CANCELLED"}))
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Retain.List.class)
public @interface Retain {
    /** The rule's unique name; by default {@code <table>-<action>}. */
    String name() default "";

    /** Anonymize (apply the {@link PersonalData} strategies) or delete. */
    RowAction action();

    /** How long rows are kept: {@code 30d}, {@code 24h}, {@code 15m}, {@code 45s} or ISO-8601 ({@code P30D}). */
    String after();

    /** The date or timestamp attribute the period counts from. */
    String countingFrom();

    /** Conditions that must all hold for a row to be affected; none means every row. */
    When[] when() default {};

    /** Holds several {@link Retain} rules. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        Retain[] value();
    }
}
