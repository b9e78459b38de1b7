package org.compliancekit.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says how an entity's rows reach their data subject when the scanner cannot tell on its own.
 *
 * <ul>
 *   <li>On a {@code @ManyToOne}/{@code @OneToOne} attribute: follow this association (needed when several
 *       associations lead to the {@link DataSubject} entity equally far).</li>
 *   <li>On a basic attribute: the attribute holds the subject's id ({@link By#ID}) or email address
 *       ({@link By#EMAIL}) without an association, e.g. a sign-up form kept before an account exists.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface SubjectLink {
    /** What a basic attribute holds; ignored on an association. */
    By value() default By.ID;

    /** What a basic attribute annotated with {@link SubjectLink} holds. */
    enum By {
        /** The subject's id. */
        ID,
        /** The subject's email address. */
        EMAIL
    }
}
