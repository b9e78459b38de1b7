package org.compliancekit.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the entity whose identifier is the data subject's id (a customer, a user). Every other entity with personal
 * data is linked to it through its {@code @ManyToOne}/{@code @OneToOne} associations.
 *
 * <pre>{@code
 * @Entity @DataSubject(email = "email")
 * class Customer { @Id Long id; @PersonalData(Erasure.HASH) String email; }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DataSubject {
    /**
     * The attribute holding the subject's email address, a further identity: a subject known by its id is
     * completed with it, so tables linked by email are reached too. Empty when the subject has none.
     */
    String email() default "";
}
